import type { IssuedCertificateResolvers } from "@/graphql/types.generated";

export const IssuedCertificate: IssuedCertificateResolvers = {
  systemAuthID: (row) => row.systemAuthId,
};
