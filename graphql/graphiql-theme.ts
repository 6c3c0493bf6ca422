/**
 * What the console adds to GraphiQL's page (issue 27): contrast that axe
 * accepts in light and dark, and the landmarks and heading every console page
 * has. GraphiQL's own bundle is left as it is; this is CSS over its theme and
 * two elements around its root, added where the page is rendered
 * (graphql/yoga.ts), so both ways of serving it (the fast path and the Next
 * route) get them.
 *
 * The editor is Monaco: its token colours are classes numbered by the theme
 * (`.mtk8` is a comment in the dark theme, a number in the light one), under
 * `.monaco-editor.vs` or `.vs-dark`. Each colour below is the theme's own,
 * lightened (dark) or darkened (light) just enough for 4.7:1 against the
 * editor's background; e2e/graphiql.spec.ts runs axe on the page in both.
 * What remains is in docs/decisions/0028-global-search-and-list-order.md.
 */
const GRAPHIQL_THEME_CSS = `
/* GraphiQL's logo and title: full strength, not 76% of its neutral colour (4.26:1 on its light header). */
.graphiql-container .graphiql-logo, .graphiql-container .graphiql-logo .graphiql-logo-link { color: hsl(var(--color-neutral)); }
/* Monaco's line numbers, light and dark. */
.monaco-editor.vs { --vscode-editorLineNumber-foreground: #1c6479; --vscode-editorLineNumber-activeForeground: #0b2e3a; }
.monaco-editor.vs-dark { --vscode-editorLineNumber-foreground: #a3abb9; --vscode-editorLineNumber-activeForeground: #e6e9ee; }
.monaco-editor.vs .mtk3 { color: #696969; }
.monaco-editor.vs .mtk4 { color: #5d5ac9; }
.monaco-editor.vs .mtk5 { color: #d10000; }
.monaco-editor.vs .mtk8 { color: #08784f; }
.monaco-editor.vs .mtk9 { color: #007b00; }
.monaco-editor.vs .mtk10 { color: #d30000; }
.monaco-editor.vs .mtk12 { color: #c52f2f; }
.monaco-editor.vs .mtk16 { color: #d10000; }
.monaco-editor.vs .mtk19 { color: #5a6978; }
.monaco-editor.vs .mtk20 { color: #b800b8; }
.monaco-editor.vs .mtk22 { color: #476a9b; }
.monaco-editor.vs .mtk23 { color: #007171; }
.monaco-editor.vs-dark .mtk3 { color: #d98c8c; }
.monaco-editor.vs-dark .mtk4 { color: #9a94ff; }
.monaco-editor.vs-dark .mtk8 { color: #7baa67; }
.monaco-editor.vs-dark .mtk9 { color: #66a6da; }
.monaco-editor.vs-dark .mtk11 { color: #9f9f9f; }
.monaco-editor.vs-dark .mtk12 { color: #f77777; }
.monaco-editor.vs-dark .mtk13 { color: #c789c2; }
.monaco-editor.vs-dark .mtk14 { color: #ab9d79; }
.monaco-editor.vs-dark .mtk15 { color: #e38387; }
.monaco-editor.vs-dark .mtk17 { color: #9f9f9f; }
.monaco-editor.vs-dark .mtk18 { color: #94a2af; }
.monaco-editor.vs-dark .mtk19 { color: #ff52ff; }
.monaco-editor.vs-dark .mtk20 { color: #c88fb1; }
.monaco-editor.vs-dark .mtk21 { color: #ff7070; }
.monaco-editor.vs-dark .mtk22 { color: #85a1c7; }
.monaco-editor.vs-dark .mtk25 { color: #8a9ece; }
.compass-graphiql-title { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
#root { display: block; }
/* A phone: the result under the editors instead of a column a few characters wide beside them, and no logo to wrap. */
@media (max-width: 640px) {
  .graphiql-container .graphiql-logo { display: none; }
  .graphiql-container .graphiql-sessions > div:has(> .graphiql-editors) { flex-direction: column; }
  .graphiql-container .graphiql-sessions > div:has(> .graphiql-editors) > .graphiql-horizontal-drag-bar { display: none; }
  .graphiql-container .graphiql-response { min-height: 12rem; }
}
`;

/**
 * GraphiQL's page with the theme above in its head, a visually hidden level-one
 * heading in a banner, and its root as the page's main landmark (it renders
 * into `#root`, whatever the element). Unchanged if the page no longer has
 * the shape this expects.
 */
export function withConsoleTheme(html: string, title: string): string {
  const head = html.indexOf("</head>");
  const root = html.indexOf('<div id="root"></div>', head);
  if (head < 0 || root < 0) return html;
  const safeTitle = title.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return (
    html.slice(0, head) +
    `<style>${GRAPHIQL_THEME_CSS}</style>` +
    html.slice(head, root) +
    `<header><h1 class="compass-graphiql-title">${safeTitle}</h1></header><main id="root"></main>` +
    html.slice(root + '<div id="root"></div>'.length)
  );
}
