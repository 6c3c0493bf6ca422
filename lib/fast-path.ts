import type { IncomingMessage, ServerResponse } from "node:http";
import { createServerAdapter } from "@whatwg-node/server";
import { getGraphQLServer } from "../graphql/yoga";
import { handleOAuthRequest, isOAuthPath } from "./oauth2/routes";
import { GRAPHQL_PATH } from "./paths";

/**
 * The hot paths, served straight from node:http: the GraphQL API and the
 * authorization server. They call the same handlers as their route files,
 * without Next's per-request routing (DESIGN.md, "Hot paths").
 */
function isGraphQLPath(url: string): boolean {
  return url === GRAPHQL_PATH || url.startsWith(GRAPHQL_PATH + "?") || url.startsWith(GRAPHQL_PATH + "/");
}

/** Returns a listener that serves a hot-path request and returns true, or returns false for anything else. */
export function createFastPath(): (req: IncomingMessage, res: ServerResponse) => boolean {
  const graphql = getGraphQLServer();
  const oauth = createServerAdapter(handleOAuthRequest);
  return (req, res) => {
    const url = req.url ?? "";
    if (isGraphQLPath(url)) {
      graphql(req, res);
      return true;
    }
    if (isOAuthPath(url)) {
      oauth(req, res);
      return true;
    }
    return false;
  };
}
