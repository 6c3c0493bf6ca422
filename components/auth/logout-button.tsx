"use client";

/** Ends the session (POST, so no other site can do it) and shows the signed-out page. */
export function LogoutButton({ wide = false }: { wide?: boolean }) {
  async function logout() {
    await fetch("/api/auth/logout", { method: "POST" });
    window.location.assign("/logout");
  }
  return (
    <button type="button" className={wide ? "button" : "btn btn-secondary logout"} onClick={logout}>
      Sign out
    </button>
  );
}
