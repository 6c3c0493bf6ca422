-- AlterTable
ALTER TABLE "ScheduledOperation" ADD COLUMN     "resourceId" TEXT,
ADD COLUMN     "resourceType" TEXT;

-- CreateIndex
CREATE INDEX "ScheduledOperation_resourceId_idx" ON "ScheduledOperation"("resourceId");

