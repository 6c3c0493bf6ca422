"use client";

import { useState } from "react";
import { THEME_COOKIE, type Theme } from "./theme";

/** Light, dark, or whatever the system prefers (the default); kept for a year in a cookie. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  function choose(next: Theme) {
    setTheme(next);
    if (next === "system") {
      delete document.documentElement.dataset.theme;
      document.cookie = `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
    } else {
      document.documentElement.dataset.theme = next;
      document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    }
  }
  return (
    <select className="theme-toggle" aria-label="Theme" value={theme} onChange={(event) => choose(event.target.value as Theme)}>
      <option value="system">System</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
