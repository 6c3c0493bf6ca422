/** How the console names application templates and where their list is: for trails, headings and links. */
export const TEMPLATE_KIND = { noun: "application template", list: { label: "Application templates", href: "/application-templates" } };
