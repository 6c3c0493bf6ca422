-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "costObjectId" TEXT,
ADD COLUMN     "costObjectType" TEXT,
ADD COLUMN     "customerId" TEXT,
ADD COLUMN     "licenseType" TEXT,
ADD COLUMN     "provider" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "region" TEXT,
ADD COLUMN     "subdomain" TEXT,
ADD COLUMN     "type" TEXT NOT NULL DEFAULT 'account';

-- CreateTable
CREATE TABLE "TenantParent" (
    "tenantId" TEXT NOT NULL,
    "parentId" TEXT NOT NULL,

    CONSTRAINT "TenantParent_pkey" PRIMARY KEY ("tenantId","parentId")
);

-- CreateTable
CREATE TABLE "TenantLabel" (
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantLabel_pkey" PRIMARY KEY ("tenantId","key")
);

-- CreateTable
CREATE TABLE "TenantAccess" (
    "tenantId" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "owner" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenantAccess_pkey" PRIMARY KEY ("tenantId","objectType","objectId")
);

-- CreateIndex
CREATE INDEX "TenantParent_parentId_idx" ON "TenantParent"("parentId");

-- CreateIndex
CREATE INDEX "TenantAccess_objectId_idx" ON "TenantAccess"("objectId");

