-- CreateTable
CREATE TABLE "CertificateSubjectMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subject" TEXT NOT NULL,
    "consumerType" TEXT NOT NULL,
    "internalConsumerId" TEXT,
    "tenantAccessLevels" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateSubjectMapping_subject_key" ON "CertificateSubjectMapping"("subject");

-- CreateIndex
CREATE INDEX "CertificateSubjectMapping_createdAt_id_idx" ON "CertificateSubjectMapping"("createdAt", "id");

