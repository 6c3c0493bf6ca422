"use client";

export function LogoutButton() {
  async function logout() {
    await fetch("/api/auth/logout", { method: "POST" });
    window.location.assign("/login");
  }
  return (
    <button type="button" className="button" style={{ width: "auto", marginTop: "1.5rem" }} onClick={logout}>
      Log out
    </button>
  );
}
