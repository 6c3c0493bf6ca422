/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated';
    import    { apiTokens as Query_apiTokens } from './api-token/resolvers/Query/apiTokens';
import    { auditEvents as Query_auditEvents } from './audit/resolvers/Query/auditEvents';
import    { integrationSystem as Query_integrationSystem } from './integration-system/resolvers/Query/integrationSystem';
import    { integrationSystems as Query_integrationSystems } from './integration-system/resolvers/Query/integrationSystems';
import    { users as Query_users } from './user/resolvers/Query/users';
import    { viewer as Query_viewer } from './user/resolvers/Query/viewer';
import    { createApiToken as Mutation_createApiToken } from './api-token/resolvers/Mutation/createApiToken';
import    { createIntegrationSystem as Mutation_createIntegrationSystem } from './integration-system/resolvers/Mutation/createIntegrationSystem';
import    { createUser as Mutation_createUser } from './user/resolvers/Mutation/createUser';
import    { deleteIntegrationSystem as Mutation_deleteIntegrationSystem } from './integration-system/resolvers/Mutation/deleteIntegrationSystem';
import    { deleteSystemAuthForIntegrationSystem as Mutation_deleteSystemAuthForIntegrationSystem } from './integration-system/resolvers/Mutation/deleteSystemAuthForIntegrationSystem';
import    { deleteUser as Mutation_deleteUser } from './user/resolvers/Mutation/deleteUser';
import    { generateClientCredentialsForIntegrationSystem as Mutation_generateClientCredentialsForIntegrationSystem } from './integration-system/resolvers/Mutation/generateClientCredentialsForIntegrationSystem';
import    { revokeApiToken as Mutation_revokeApiToken } from './api-token/resolvers/Mutation/revokeApiToken';
import    { updateIntegrationSystem as Mutation_updateIntegrationSystem } from './integration-system/resolvers/Mutation/updateIntegrationSystem';
import    { AuditActor } from './audit/resolvers/AuditActor';
import    { AuditEvent } from './audit/resolvers/AuditEvent';
import    { AuditEventPage } from './audit/resolvers/AuditEventPage';
import    { Auth } from './integration-system/resolvers/Auth';
import    { IntegrationSystem } from './integration-system/resolvers/IntegrationSystem';
import    { IntegrationSystemPage } from './integration-system/resolvers/IntegrationSystemPage';
import    { OAuthCredentialData } from './integration-system/resolvers/OAuthCredentialData';
import    { SystemAuth } from './integration-system/resolvers/SystemAuth';
import    { User } from './user/resolvers/User';
import    { Viewer } from './user/resolvers/Viewer';
import    { DateTime } from './base/resolvers/DateTime';
import    { PageCursor } from './base/resolvers/PageCursor';
    export const resolvers: Resolvers = {
      Query: { apiTokens: Query_apiTokens,auditEvents: Query_auditEvents,integrationSystem: Query_integrationSystem,integrationSystems: Query_integrationSystems,users: Query_users,viewer: Query_viewer },
      Mutation: { createApiToken: Mutation_createApiToken,createIntegrationSystem: Mutation_createIntegrationSystem,createUser: Mutation_createUser,deleteIntegrationSystem: Mutation_deleteIntegrationSystem,deleteSystemAuthForIntegrationSystem: Mutation_deleteSystemAuthForIntegrationSystem,deleteUser: Mutation_deleteUser,generateClientCredentialsForIntegrationSystem: Mutation_generateClientCredentialsForIntegrationSystem,revokeApiToken: Mutation_revokeApiToken,updateIntegrationSystem: Mutation_updateIntegrationSystem },
      
      AuditActor: AuditActor,
AuditEvent: AuditEvent,
AuditEventPage: AuditEventPage,
Auth: Auth,
IntegrationSystem: IntegrationSystem,
IntegrationSystemPage: IntegrationSystemPage,
OAuthCredentialData: OAuthCredentialData,
SystemAuth: SystemAuth,
User: User,
Viewer: Viewer,
DateTime: DateTime,
PageCursor: PageCursor
    }