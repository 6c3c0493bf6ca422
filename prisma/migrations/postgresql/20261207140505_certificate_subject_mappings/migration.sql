-- CreateTable
CREATE TABLE "CertificateSubjectMapping" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "consumerType" TEXT NOT NULL,
    "internalConsumerId" TEXT,
    "tenantAccessLevels" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificateSubjectMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateSubjectMapping_subject_key" ON "CertificateSubjectMapping"("subject");

-- CreateIndex
CREATE INDEX "CertificateSubjectMapping_createdAt_id_idx" ON "CertificateSubjectMapping"("createdAt", "id");

