-- CreateTable
CREATE TABLE "DefaultEventing" (
    "applicationId" TEXT NOT NULL,
    "runtimeId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DefaultEventing_pkey" PRIMARY KEY ("applicationId")
);

-- CreateIndex
CREATE INDEX "DefaultEventing_runtimeId_idx" ON "DefaultEventing"("runtimeId");

-- AddForeignKey
ALTER TABLE "DefaultEventing" ADD CONSTRAINT "DefaultEventing_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefaultEventing" ADD CONSTRAINT "DefaultEventing_runtimeId_fkey" FOREIGN KEY ("runtimeId") REFERENCES "Runtime"("id") ON DELETE CASCADE ON UPDATE CASCADE;

