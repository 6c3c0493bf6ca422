import type { CertificateSubjectMappingPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const CertificateSubjectMappingPage: CertificateSubjectMappingPageResolvers = pageFields;
