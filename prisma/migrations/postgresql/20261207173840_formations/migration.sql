-- CreateTable
CREATE TABLE "FormationTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "applicationTypes" TEXT NOT NULL,
    "runtimeTypes" TEXT,
    "runtimeTypeDisplayName" TEXT,
    "runtimeArtifactKind" TEXT,
    "leadingProductIds" TEXT,
    "supportsReset" BOOLEAN NOT NULL DEFAULT false,
    "discoveryConsumers" TEXT,
    "labels" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FormationTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Formation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "formationTemplateId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'READY',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastStateChangeAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Formation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormationAssignment" (
    "id" TEXT NOT NULL,
    "formationId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'READY',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FormationAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomaticScenarioAssignment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "targetTenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutomaticScenarioAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormationConstraint" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormationConstraint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormationTemplateConstraint" (
    "constraintId" TEXT NOT NULL,
    "formationTemplateId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormationTemplateConstraint_pkey" PRIMARY KEY ("constraintId","formationTemplateId")
);

-- CreateTable
CREATE TABLE "ScheduledOperation" (
    "id" TEXT NOT NULL,
    "operationType" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "error" TEXT,
    "errorSeverity" TEXT NOT NULL DEFAULT 'NONE',
    "priority" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScheduledOperation_pkey" PRIMARY KEY ("id")
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
CREATE UNIQUE INDEX "AutomaticScenarioAssignment_tenantId_scenario_targetTenantI_key" ON "AutomaticScenarioAssignment"("tenantId", "scenario", "targetTenantId");

-- CreateIndex
CREATE INDEX "FormationConstraint_createdAt_id_idx" ON "FormationConstraint"("createdAt", "id");

-- CreateIndex
CREATE INDEX "FormationTemplateConstraint_formationTemplateId_idx" ON "FormationTemplateConstraint"("formationTemplateId");

-- CreateIndex
CREATE INDEX "ScheduledOperation_createdAt_id_idx" ON "ScheduledOperation"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "Formation" ADD CONSTRAINT "Formation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Formation" ADD CONSTRAINT "Formation_formationTemplateId_fkey" FOREIGN KEY ("formationTemplateId") REFERENCES "FormationTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormationAssignment" ADD CONSTRAINT "FormationAssignment_formationId_fkey" FOREIGN KEY ("formationId") REFERENCES "Formation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormationTemplateConstraint" ADD CONSTRAINT "FormationTemplateConstraint_constraintId_fkey" FOREIGN KEY ("constraintId") REFERENCES "FormationConstraint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormationTemplateConstraint" ADD CONSTRAINT "FormationTemplateConstraint_formationTemplateId_fkey" FOREIGN KEY ("formationTemplateId") REFERENCES "FormationTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Compass's default formation template (model.DefaultTemplateName): createFormation without a templateName uses it.
INSERT INTO "FormationTemplate" ("id", "name", "applicationTypes", "runtimeTypes", "runtimeTypeDisplayName", "runtimeArtifactKind", "supportsReset", "labels", "createdAt", "updatedAt")
VALUES ('00000000-0000-4000-8000-00000000f001', 'Side-by-side extensibility with Kyma', '["SAP Cloud for Customer","SAP Commerce Cloud","SAP Field Service Management"]', '["kyma"]', 'Kyma', 'ENVIRONMENT_INSTANCE', false, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
