import type { PasswordLinkResolvers } from "@/graphql/types.generated";

export const PasswordLink: PasswordLinkResolvers = {
  // In the fragment: browsers do not send it, so the token stays out of access logs and Referer headers.
  url: (link, _args, ctx) => `${ctx.origin}/reset-password#token=${link.token}`,
};
