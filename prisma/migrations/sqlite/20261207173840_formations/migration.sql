-- CreateTable
CREATE TABLE "FormationTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "applicationTypes" TEXT NOT NULL,
    "runtimeTypes" TEXT,
    "runtimeTypeDisplayName" TEXT,
    "runtimeArtifactKind" TEXT,
    "leadingProductIds" TEXT,
    "supportsReset" BOOLEAN NOT NULL DEFAULT false,
    "discoveryConsumers" TEXT,
    "labels" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Formation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "formationTemplateId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'READY',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastStateChangeAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Formation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Formation_formationTemplateId_fkey" FOREIGN KEY ("formationTemplateId") REFERENCES "FormationTemplate" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FormationAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "formationId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'READY',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FormationAssignment_formationId_fkey" FOREIGN KEY ("formationId") REFERENCES "Formation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AutomaticScenarioAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "targetTenantId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FormationConstraint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "constraintType" TEXT NOT NULL,
    "targetOperation" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceSubtype" TEXT NOT NULL,
    "inputTemplate" TEXT NOT NULL,
    "constraintScope" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "FormationTemplateConstraint" (
    "constraintId" TEXT NOT NULL,
    "formationTemplateId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("constraintId", "formationTemplateId"),
    CONSTRAINT "FormationTemplateConstraint_constraintId_fkey" FOREIGN KEY ("constraintId") REFERENCES "FormationConstraint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FormationTemplateConstraint_formationTemplateId_fkey" FOREIGN KEY ("formationTemplateId") REFERENCES "FormationTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScheduledOperation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operationType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "error" TEXT,
    "errorSeverity" TEXT NOT NULL DEFAULT 'NONE',
    "priority" INTEGER NOT NULL DEFAULT 100,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "FormationTemplate_name_key" ON "FormationTemplate"("name");

-- CreateIndex
CREATE INDEX "FormationTemplate_createdAt_id_idx" ON "FormationTemplate"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Formation_tenantId_createdAt_id_idx" ON "Formation"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Formation_formationTemplateId_idx" ON "Formation"("formationTemplateId");

-- CreateIndex
CREATE UNIQUE INDEX "Formation_tenantId_name_key" ON "Formation"("tenantId", "name");

-- CreateIndex
CREATE INDEX "FormationAssignment_formationId_createdAt_id_idx" ON "FormationAssignment"("formationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "FormationAssignment_source_idx" ON "FormationAssignment"("source");

-- CreateIndex
CREATE INDEX "FormationAssignment_target_idx" ON "FormationAssignment"("target");

-- CreateIndex
CREATE UNIQUE INDEX "FormationAssignment_formationId_source_target_key" ON "FormationAssignment"("formationId", "source", "target");

-- CreateIndex
CREATE INDEX "AutomaticScenarioAssignment_tenantId_createdAt_id_idx" ON "AutomaticScenarioAssignment"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AutomaticScenarioAssignment_targetTenantId_idx" ON "AutomaticScenarioAssignment"("targetTenantId");

-- CreateIndex
CREATE UNIQUE INDEX "AutomaticScenarioAssignment_tenantId_scenario_targetTenantId_key" ON "AutomaticScenarioAssignment"("tenantId", "scenario", "targetTenantId");

-- CreateIndex
CREATE INDEX "FormationConstraint_createdAt_id_idx" ON "FormationConstraint"("createdAt", "id");

-- CreateIndex
CREATE INDEX "FormationTemplateConstraint_formationTemplateId_idx" ON "FormationTemplateConstraint"("formationTemplateId");

-- CreateIndex
CREATE INDEX "ScheduledOperation_createdAt_id_idx" ON "ScheduledOperation"("createdAt", "id");


-- Compass's default formation template (model.DefaultTemplateName): createFormation without a templateName uses it.
INSERT INTO "FormationTemplate" ("id", "name", "applicationTypes", "runtimeTypes", "runtimeTypeDisplayName", "runtimeArtifactKind", "supportsReset", "labels", "createdAt", "updatedAt")
VALUES ('00000000-0000-4000-8000-00000000f001', 'Side-by-side extensibility with Kyma', '["SAP Cloud for Customer","SAP Commerce Cloud","SAP Field Service Management"]', '["kyma"]', 'Kyma', 'ENVIRONMENT_INSTANCE', false, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
