import type { CertificateSubjectMappingResolvers } from "@/graphql/types.generated";
import { accessLevelsOf } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";

export const CertificateSubjectMapping: CertificateSubjectMappingResolvers = {
  internalConsumerID: (mapping) => mapping.internalConsumerId,
  tenantAccessLevels: (mapping) => accessLevelsOf(mapping),
};
