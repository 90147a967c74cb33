package com.webworksync.auth;

import java.time.Instant;

/**
 * One row of {@code sync.credentials}, decrypted. Its {@code toString} shows no token.
 */
public record StoredCredential(String connection, String grantType, String seedFingerprint, String refreshToken,
		Instant refreshTokenIssuedAt, Instant refreshTokenExpiresAt, String accessToken, Instant accessTokenExpiresAt,
		int rotations, Instant updatedAt) {

	@Override
	public String toString() {
		return "StoredCredential[connection=" + connection + ", grantType=" + grantType + ", refreshTokenExpiresAt="
				+ refreshTokenExpiresAt + ", accessTokenExpiresAt=" + accessTokenExpiresAt + ", rotations=" + rotations + "]";
	}
}
