import type { CertificateSubjectMapping } from "@/generated/prisma-sqlite/client";
import type { LazyPage } from "@/domain/paging/cursor";

export type CertificateSubjectMappingMapper = CertificateSubjectMapping;
export type CertificateSubjectMappingPageMapper = LazyPage<CertificateSubjectMapping>;
