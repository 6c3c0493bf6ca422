/** The console's colour theme: light, dark, or whatever the system prefers (the default). */
export type Theme = "system" | "light" | "dark";

/** The cookie the root layout reads, so a page arrives in the chosen theme without a flash (and without an inline script). */
export const THEME_COOKIE = "compass-theme";

export const themeFromCookie = (value: string | undefined): Theme => (value === "light" || value === "dark" ? value : "system");
