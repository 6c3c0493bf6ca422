import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { AuditActorMapper, AuditEventMapper, AuditEventPageMapper } from './audit/schema.mappers';
import { AuthMapper, IntegrationSystemMapper, IntegrationSystemPageMapper, OAuthCredentialDataMapper, SystemAuthMapper } from './integration-system/schema.mappers';
import { UserMapper, ViewerMapper } from './user/schema.mappers';
import { GraphQLContext } from './context';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type EnumResolverSignature<T, AllowedValues = any> = { [key in keyof T]?: AllowedValues };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string | number; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in ISO 8601, always UTC. */
  DateTime: { input: Date; output: Date | string; }
  /** An opaque keyset cursor. Pass a page's endCursor as `after` to get the next page. */
  PageCursor: { input: string; output: string; }
};

export type ActorType =
  | 'INTEGRATION_SYSTEM'
  | 'SYSTEM'
  | 'USER';

/** A personal API token: acts as the user who created it. */
export type ApiToken = {
  __typename?: 'ApiToken';
  createdAt: Scalars['DateTime']['output'];
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
};

export type AuditActor = {
  __typename?: 'AuditActor';
  authMethod: Scalars['String']['output'];
  id?: Maybe<Scalars['ID']['output']>;
  /** The user's email or the integration system's name at the time. */
  label: Scalars['String']['output'];
  type: ActorType;
};

/** One change: who made it, what it was, to which object, and when. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** For example INTEGRATION_SYSTEM_CREATED. */
  action: Scalars['String']['output'];
  actor: AuditActor;
  createdAt: Scalars['DateTime']['output'];
  /** JSON of the changed fields. Never holds a secret. */
  details?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  objectId: Scalars['ID']['output'];
  objectLabel?: Maybe<Scalars['String']['output']>;
  objectType: Scalars['String']['output'];
};

export type AuditEventPage = {
  __typename?: 'AuditEventPage';
  data: Array<AuditEvent>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type Auth = {
  __typename?: 'Auth';
  credential?: Maybe<CredentialData>;
};

export type AuthMethod =
  | 'ACCESS_TOKEN'
  | 'API_TOKEN'
  | 'SESSION';

export type CreateUserInput = {
  email: Scalars['String']['input'];
  /** At least 12 characters. */
  password: Scalars['String']['input'];
  role: Role;
};

export type CreatedApiToken = {
  __typename?: 'CreatedApiToken';
  apiToken: ApiToken;
  /** The token itself, shown this once. */
  token: Scalars['String']['output'];
};

export type CredentialData = OAuthCredentialData;

/** A machine client that works across all tenants. */
export type IntegrationSystem = {
  __typename?: 'IntegrationSystem';
  /** The system's OAuth2 client credentials, oldest first. */
  auths: Array<SystemAuth>;
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type IntegrationSystemInput = {
  /** At most 2000 characters. Omitting it on update clears it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1-64 characters: letters, digits, space, '-', '_', '.'; starts with a letter or digit; unique ignoring case. */
  name: Scalars['String']['input'];
};

export type IntegrationSystemOrder = {
  direction?: InputMaybe<SortDirection>;
  field: IntegrationSystemOrderField;
};

export type IntegrationSystemOrderField =
  | 'CREATED_AT'
  | 'NAME';

export type IntegrationSystemPage = {
  __typename?: 'IntegrationSystemPage';
  data: Array<IntegrationSystem>;
  pageInfo: PageInfo;
  /** How many integration systems match the search, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** name: 1-64 characters. expiresInDays: 1-365, or omitted for no expiry. */
  createApiToken: CreatedApiToken;
  createIntegrationSystem: IntegrationSystem;
  createUser: User;
  /** Deletes the system and all its credentials; their tokens stop working at once. */
  deleteIntegrationSystem: IntegrationSystem;
  /** Deletes one credential, by its id (the client_id). */
  deleteSystemAuthForIntegrationSystem: SystemAuth;
  /** Deletes a user with their sessions and API tokens. The last admin cannot be deleted. */
  deleteUser: User;
  generateClientCredentialsForIntegrationSystem: SystemAuth;
  revokeApiToken: ApiToken;
  /** Replaces name and description. */
  updateIntegrationSystem: IntegrationSystem;
};


export type MutationcreateApiTokenArgs = {
  expiresInDays?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};


export type MutationcreateIntegrationSystemArgs = {
  in: IntegrationSystemInput;
};


export type MutationcreateUserArgs = {
  in: CreateUserInput;
};


export type MutationdeleteIntegrationSystemArgs = {
  id: Scalars['ID']['input'];
};


export type MutationdeleteSystemAuthForIntegrationSystemArgs = {
  id: Scalars['ID']['input'];
};


export type MutationdeleteUserArgs = {
  id: Scalars['ID']['input'];
};


export type MutationgenerateClientCredentialsForIntegrationSystemArgs = {
  id: Scalars['ID']['input'];
};


export type MutationrevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationupdateIntegrationSystemArgs = {
  id: Scalars['ID']['input'];
  in: IntegrationSystemInput;
};

export type OAuthCredentialData = {
  __typename?: 'OAuthCredentialData';
  clientId: Scalars['ID']['output'];
  /** The secret, only in the response of the mutation that generated it; null ever after. */
  clientSecret?: Maybe<Scalars['String']['output']>;
  /** Absolute URL of the token endpoint. */
  url: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last row of the page; empty string on an empty page. */
  endCursor: Scalars['PageCursor']['output'];
  hasNextPage: Scalars['Boolean']['output'];
  /** Cursor of the first row of the page; empty string on an empty page. */
  startCursor: Scalars['PageCursor']['output'];
};

export type PrincipalKind =
  | 'INTEGRATION_SYSTEM'
  | 'USER';

export type Query = {
  __typename?: 'Query';
  /** The caller's own API tokens, newest first. */
  apiTokens: Array<ApiToken>;
  /** Newest first. `objectId` narrows to one object's history. */
  auditEvents: AuditEventPage;
  /** null when no integration system has this id. */
  integrationSystem?: Maybe<IntegrationSystem>;
  /**
   * Integration systems, a page at a time. `first` is 1-200. `search` matches
   * names containing it, ignoring case. Ordered by creation time (oldest first)
   * unless `orderBy` says otherwise; a cursor only continues the ordering and
   * search it was made with.
   */
  integrationSystems: IntegrationSystemPage;
  /** All users. */
  users: Array<User>;
  viewer: Viewer;
};


export type QueryauditEventsArgs = {
  after?: InputMaybe<Scalars['PageCursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  objectId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryintegrationSystemArgs = {
  id: Scalars['ID']['input'];
};


export type QueryintegrationSystemsArgs = {
  after?: InputMaybe<Scalars['PageCursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<IntegrationSystemOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};

export type Role =
  /** Reads and writes everything. */
  | 'ADMIN'
  /** Reads everything but secrets; writes nothing. */
  | 'VIEWER';

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** An OAuth2 client credential. Its id is the client_id. */
export type SystemAuth = {
  __typename?: 'SystemAuth';
  auth?: Maybe<Auth>;
  createdAt: Scalars['DateTime']['output'];
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The integration system's id. */
  referenceObjectId?: Maybe<Scalars['ID']['output']>;
  /** The last characters of the secret, to tell credentials apart; never the secret. */
  secretHint?: Maybe<Scalars['String']['output']>;
  type?: Maybe<SystemAuthReferenceType>;
};

export type SystemAuthReferenceType =
  | 'INTEGRATION_SYSTEM';

export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  role: Role;
};

/** Who is calling, and with what rights. */
export type Viewer = {
  __typename?: 'Viewer';
  authMethod: AuthMethod;
  kind: PrincipalKind;
  /** The user's role, or null for an integration system. */
  role?: Maybe<Role>;
  /** The OAuth2-style scopes this caller holds. */
  scopes: Array<Scalars['String']['output']>;
  /** The signed-in user, or null for an integration system. */
  user?: Maybe<User>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = {
  CredentialData: ( OAuthCredentialDataMapper & { __typename: 'OAuthCredentialData' } );
};


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ActorType: ResolverTypeWrapper<'USER' | 'INTEGRATION_SYSTEM' | 'SYSTEM'>;
  ApiToken: ResolverTypeWrapper<ApiToken>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditActor: ResolverTypeWrapper<AuditActorMapper>;
  AuditEvent: ResolverTypeWrapper<AuditEventMapper>;
  AuditEventPage: ResolverTypeWrapper<AuditEventPageMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Auth: ResolverTypeWrapper<AuthMapper>;
  AuthMethod: ResolverTypeWrapper<'SESSION' | 'API_TOKEN' | 'ACCESS_TOKEN'>;
  CreateUserInput: CreateUserInput;
  CreatedApiToken: ResolverTypeWrapper<CreatedApiToken>;
  CredentialData: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['CredentialData']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  IntegrationSystem: ResolverTypeWrapper<IntegrationSystemMapper>;
  IntegrationSystemInput: IntegrationSystemInput;
  IntegrationSystemOrder: IntegrationSystemOrder;
  IntegrationSystemOrderField: ResolverTypeWrapper<'NAME' | 'CREATED_AT'>;
  IntegrationSystemPage: ResolverTypeWrapper<IntegrationSystemPageMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OAuthCredentialData: ResolverTypeWrapper<OAuthCredentialDataMapper>;
  PageCursor: ResolverTypeWrapper<Scalars['PageCursor']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PrincipalKind: ResolverTypeWrapper<'USER' | 'INTEGRATION_SYSTEM'>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: ResolverTypeWrapper<'ADMIN' | 'VIEWER'>;
  SortDirection: ResolverTypeWrapper<'ASC' | 'DESC'>;
  SystemAuth: ResolverTypeWrapper<SystemAuthMapper>;
  SystemAuthReferenceType: ResolverTypeWrapper<'INTEGRATION_SYSTEM'>;
  User: ResolverTypeWrapper<UserMapper>;
  Viewer: ResolverTypeWrapper<ViewerMapper>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiToken: ApiToken;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  AuditActor: AuditActorMapper;
  AuditEvent: AuditEventMapper;
  AuditEventPage: AuditEventPageMapper;
  Int: Scalars['Int']['output'];
  Auth: AuthMapper;
  CreateUserInput: CreateUserInput;
  CreatedApiToken: CreatedApiToken;
  CredentialData: ResolversUnionTypes<ResolversParentTypes>['CredentialData'];
  DateTime: Scalars['DateTime']['output'];
  IntegrationSystem: IntegrationSystemMapper;
  IntegrationSystemInput: IntegrationSystemInput;
  IntegrationSystemOrder: IntegrationSystemOrder;
  IntegrationSystemPage: IntegrationSystemPageMapper;
  Mutation: Record<PropertyKey, never>;
  OAuthCredentialData: OAuthCredentialDataMapper;
  PageCursor: Scalars['PageCursor']['output'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  SystemAuth: SystemAuthMapper;
  User: UserMapper;
  Viewer: ViewerMapper;
};

export type ActorTypeResolvers = EnumResolverSignature<{ INTEGRATION_SYSTEM?: any, SYSTEM?: any, USER?: any }, ResolversTypes['ActorType']>;

export type ApiTokenResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiToken'] = ResolversParentTypes['ApiToken']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditActorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditActor'] = ResolversParentTypes['AuditActor']> = {
  authMethod?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ActorType'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['AuditActor'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  objectLabel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  objectType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditEventPageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEventPage'] = ResolversParentTypes['AuditEventPage']> = {
  data?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuthResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Auth'] = ResolversParentTypes['Auth']> = {
  credential?: Resolver<Maybe<ResolversTypes['CredentialData']>, ParentType, ContextType>;
};

export type AuthMethodResolvers = EnumResolverSignature<{ ACCESS_TOKEN?: any, API_TOKEN?: any, SESSION?: any }, ResolversTypes['AuthMethod']>;

export type CreatedApiTokenResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreatedApiToken'] = ResolversParentTypes['CreatedApiToken']> = {
  apiToken?: Resolver<ResolversTypes['ApiToken'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CredentialDataResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CredentialData'] = ResolversParentTypes['CredentialData']> = {
  __resolveType?: TypeResolveFn<'OAuthCredentialData', ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IntegrationSystemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IntegrationSystem'] = ResolversParentTypes['IntegrationSystem']> = {
  auths?: Resolver<Array<ResolversTypes['SystemAuth']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type IntegrationSystemOrderFieldResolvers = EnumResolverSignature<{ CREATED_AT?: any, NAME?: any }, ResolversTypes['IntegrationSystemOrderField']>;

export type IntegrationSystemPageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IntegrationSystemPage'] = ResolversParentTypes['IntegrationSystemPage']> = {
  data?: Resolver<Array<ResolversTypes['IntegrationSystem']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createApiToken?: Resolver<ResolversTypes['CreatedApiToken'], ParentType, ContextType, RequireFields<MutationcreateApiTokenArgs, 'name'>>;
  createIntegrationSystem?: Resolver<ResolversTypes['IntegrationSystem'], ParentType, ContextType, RequireFields<MutationcreateIntegrationSystemArgs, 'in'>>;
  createUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationcreateUserArgs, 'in'>>;
  deleteIntegrationSystem?: Resolver<ResolversTypes['IntegrationSystem'], ParentType, ContextType, RequireFields<MutationdeleteIntegrationSystemArgs, 'id'>>;
  deleteSystemAuthForIntegrationSystem?: Resolver<ResolversTypes['SystemAuth'], ParentType, ContextType, RequireFields<MutationdeleteSystemAuthForIntegrationSystemArgs, 'id'>>;
  deleteUser?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationdeleteUserArgs, 'id'>>;
  generateClientCredentialsForIntegrationSystem?: Resolver<ResolversTypes['SystemAuth'], ParentType, ContextType, RequireFields<MutationgenerateClientCredentialsForIntegrationSystemArgs, 'id'>>;
  revokeApiToken?: Resolver<ResolversTypes['ApiToken'], ParentType, ContextType, RequireFields<MutationrevokeApiTokenArgs, 'id'>>;
  updateIntegrationSystem?: Resolver<ResolversTypes['IntegrationSystem'], ParentType, ContextType, RequireFields<MutationupdateIntegrationSystemArgs, 'id' | 'in'>>;
};

export type OAuthCredentialDataResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OAuthCredentialData'] = ResolversParentTypes['OAuthCredentialData']> = {
  clientId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  clientSecret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface PageCursorScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['PageCursor'], any> {
  name: 'PageCursor';
}

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<ResolversTypes['PageCursor'], ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<ResolversTypes['PageCursor'], ParentType, ContextType>;
};

export type PrincipalKindResolvers = EnumResolverSignature<{ INTEGRATION_SYSTEM?: any, USER?: any }, ResolversTypes['PrincipalKind']>;

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiTokens?: Resolver<Array<ResolversTypes['ApiToken']>, ParentType, ContextType>;
  auditEvents?: Resolver<ResolversTypes['AuditEventPage'], ParentType, ContextType, RequireFields<QueryauditEventsArgs, 'first'>>;
  integrationSystem?: Resolver<Maybe<ResolversTypes['IntegrationSystem']>, ParentType, ContextType, RequireFields<QueryintegrationSystemArgs, 'id'>>;
  integrationSystems?: Resolver<ResolversTypes['IntegrationSystemPage'], ParentType, ContextType, RequireFields<QueryintegrationSystemsArgs, 'first'>>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type RoleResolvers = EnumResolverSignature<{ ADMIN?: any, VIEWER?: any }, ResolversTypes['Role']>;

export type SortDirectionResolvers = EnumResolverSignature<{ ASC?: any, DESC?: any }, ResolversTypes['SortDirection']>;

export type SystemAuthResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SystemAuth'] = ResolversParentTypes['SystemAuth']> = {
  auth?: Resolver<Maybe<ResolversTypes['Auth']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  referenceObjectId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  secretHint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['SystemAuthReferenceType']>, ParentType, ContextType>;
};

export type SystemAuthReferenceTypeResolvers = EnumResolverSignature<{ INTEGRATION_SYSTEM?: any }, ResolversTypes['SystemAuthReferenceType']>;

export type UserResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  authMethod?: Resolver<ResolversTypes['AuthMethod'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['PrincipalKind'], ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  ActorType?: ActorTypeResolvers;
  ApiToken?: ApiTokenResolvers<ContextType>;
  AuditActor?: AuditActorResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventPage?: AuditEventPageResolvers<ContextType>;
  Auth?: AuthResolvers<ContextType>;
  AuthMethod?: AuthMethodResolvers;
  CreatedApiToken?: CreatedApiTokenResolvers<ContextType>;
  CredentialData?: CredentialDataResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  IntegrationSystem?: IntegrationSystemResolvers<ContextType>;
  IntegrationSystemOrderField?: IntegrationSystemOrderFieldResolvers;
  IntegrationSystemPage?: IntegrationSystemPageResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OAuthCredentialData?: OAuthCredentialDataResolvers<ContextType>;
  PageCursor?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  PrincipalKind?: PrincipalKindResolvers;
  Query?: QueryResolvers<ContextType>;
  Role?: RoleResolvers;
  SortDirection?: SortDirectionResolvers;
  SystemAuth?: SystemAuthResolvers<ContextType>;
  SystemAuthReferenceType?: SystemAuthReferenceTypeResolvers;
  User?: UserResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

