package com.webworksync.sandbox;

import java.util.List;

/** Word lists the generators draw from. Realistic enough for BI screenshots, nothing more. */
final class Names {

	static final List<String> FIRST = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas",
			"Mia", "Arjun", "Chloe", "Kenji", "Amara", "Diego", "Hana", "Ivan", "Leila", "Omar", "Priya", "Tomasz",
			"Zoe", "Elena", "Kwame", "Yuki", "Nadia", "Felix", "Maya", "Andrei", "Ines", "Rafael", "Sara", "Jonas",
			"Aisha", "Hugo", "Lina", "Marco", "Nora", "Pablo", "Rosa", "Victor");

	static final List<String> LAST = List.of("Smith", "Garcia", "Kowalski", "Nguyen", "Okafor", "Patel", "Silva",
			"Tanaka", "Muller", "Rossi", "Dubois", "Kim", "Ivanova", "Hansen", "Lopez", "Haddad", "Novak", "Mensah",
			"Sato", "Fischer", "Moreau", "Petrov", "Reyes", "Schmidt", "Costa", "Jensen", "Ahmed", "Bianchi",
			"Cohen", "Duarte");

	static final List<String> MEMBER_ZONES = List.of("America/New_York", "America/Chicago", "America/Los_Angeles",
			"America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "Asia/Kolkata", "Asia/Manila",
			"Australia/Sydney");

	static final List<String> WORKSPACES = List.of("Acme Studio", "Northwind Labs", "Blue Harbor Digital",
			"Copperleaf Agency", "Summit Support", "Brightline Consulting", "Orchid Software", "Tidewater Media");

	static final List<String> TEAMS = List.of("Development Team", "Design Team", "Marketing", "Customer Support",
			"QA Team");

	static final List<String> TITLES = List.of("Software Engineer", "Designer", "QA Engineer", "Support Specialist",
			"Marketing Manager", "Content Writer", "Data Analyst", "DevOps Engineer");

	static final List<String> PROJECTS = List.of("Website Redesign", "Mobile App", "Marketing Campaign Q1",
			"Customer Portal", "Data Warehouse", "Support Desk", "Brand Refresh", "API Integration", "Internal Tools",
			"SEO Audit", "Onboarding Flow", "Billing Revamp", "Analytics Dashboard", "Partner Program");

	static final List<String> TAGS = List.of("Marketing", "Internal", "Client", "Urgent", "R&D", "Maintenance");

	static final List<String> COLORS = List.of("#FF5733", "#33A1FF", "#2ECC71", "#9B59B6", "#F1C40F", "#E67E22");

	static final List<String> TASK_VERBS = List.of("Update", "Design", "Review", "Fix", "Write", "Test", "Deploy",
			"Plan", "Refactor", "Document");

	static final List<String> TASK_OBJECTS = List.of("homepage design", "login flow", "pricing page",
			"release notes", "onboarding emails", "search filters", "payment webhook", "dashboard widgets",
			"user settings", "export to CSV", "mobile navigation", "error pages");

	static final List<String> DESCRIPTIONS = List.of("Code review", "Client call", "Sprint planning",
			"Bug fixing", "Writing documentation", "Design mockups", "Daily stand-up", "Research", "Testing release",
			"Customer emails", "Deploying to staging", "Refactoring", "Pairing session", "Report preparation");

	static final List<String> EXPENSES = List.of("Office Supplies", "Train ticket", "Hotel night", "Team lunch",
			"Software license", "Taxi", "Conference pass", "Cloud credits");

	static final List<String> REJECT_REASONS = List.of("Missing task descriptions", "Hours do not match the plan",
			"Please split the time by project", "Overlaps with approved leave");

	static final List<String> NOTES = List.of("Forgot to start the tracker", "Worked offline at the client site",
			"Tracker crashed during the meeting", "Travel to the workshop");

	private Names() {
	}

}
