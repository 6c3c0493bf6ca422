/** How the console names integration systems and where their list is: for trails, headings and links. */
export const SYSTEM_KIND = { noun: "integration system", list: { label: "Integration systems", href: "/integration-systems" } };
