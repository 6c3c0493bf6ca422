/** The console's sections, in navigation order. `adminOnly` ones are hidden from VIEWERs. */
export interface ConsoleSection {
  href: string;
  label: string;
  adminOnly?: boolean;
}

const CONSOLE_SECTIONS: readonly ConsoleSection[] = [
  { href: "/overview", label: "Overview" },
  { href: "/integration-systems", label: "Integration systems" },
  { href: "/application-templates", label: "Templates" },
  { href: "/tenants", label: "Tenants" },
  { href: "/api-tokens", label: "API tokens" },
  // The API shows the audit log to admins only.
  { href: "/audit-log", label: "Audit log", adminOnly: true },
  { href: "/users", label: "Users", adminOnly: true },
  // The API shows them to admins only.
  { href: "/certificate-subject-mappings", label: "Subject mappings", adminOnly: true },
];

export const sectionsFor = (role: "ADMIN" | "VIEWER") => CONSOLE_SECTIONS.filter((section) => !section.adminOnly || role === "ADMIN");
