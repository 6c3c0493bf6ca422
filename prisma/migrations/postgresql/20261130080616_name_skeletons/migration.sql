-- AlterTable
-- Backfill: the lower-cased name, unique already; start-up replaces it with the
-- real skeleton, which needs the confusables table (lib/name-skeleton.ts).
ALTER TABLE "IntegrationSystem" ADD COLUMN     "nameSkeleton" TEXT;
UPDATE "IntegrationSystem" SET "nameSkeleton" = "nameKey";
ALTER TABLE "IntegrationSystem" ALTER COLUMN "nameSkeleton" SET NOT NULL;

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "nameSkeleton" TEXT;
UPDATE "Application" SET "nameSkeleton" = "nameKey";
ALTER TABLE "Application" ALTER COLUMN "nameSkeleton" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationSystem_nameSkeleton_key" ON "IntegrationSystem"("nameSkeleton");

-- CreateIndex
CREATE UNIQUE INDEX "Application_tenantId_nameSkeleton_key" ON "Application"("tenantId", "nameSkeleton");
