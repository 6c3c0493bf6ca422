-- CreateTable
CREATE TABLE "DefaultEventing" (
    "applicationId" TEXT NOT NULL PRIMARY KEY,
    "runtimeId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DefaultEventing_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DefaultEventing_runtimeId_fkey" FOREIGN KEY ("runtimeId") REFERENCES "Runtime" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DefaultEventing_runtimeId_idx" ON "DefaultEventing"("runtimeId");

