/**
 * The audit log's codes in words. Actions the console does not know yet (a
 * newer server) fall back to the code turned into a sentence, so nothing shows
 * as a bare code.
 */
export const ACTION_WORDS: Readonly<Record<string, string>> = {
  INTEGRATION_SYSTEM_CREATED: "Integration system registered",
  INTEGRATION_SYSTEM_UPDATED: "Integration system updated",
  INTEGRATION_SYSTEM_DELETED: "Integration system unregistered",
  CLIENT_CREDENTIALS_GENERATED: "Client credentials generated",
  // The stored code predates the console's one word for it: the action is revoking.
  CLIENT_CREDENTIALS_DELETED: "Client credentials revoked",
  CLIENT_CREDENTIALS_NOTE_CHANGED: "Credential note changed",
  APPLICATION_REGISTERED: "Application registered",
  APPLICATION_UPDATED: "Application updated",
  APPLICATION_UNREGISTERED: "Application unregistered",
  APPLICATION_UNPAIRED: "Application unpaired",
  APPLICATION_MERGED: "Application merged",
  APPLICATION_DEFAULT_EVENTING_SET: "Default eventing runtime chosen",
  APPLICATION_DEFAULT_EVENTING_DELETED: "Default eventing runtime forgotten",
  TENANT_CREATED: "Tenant created",
  TENANT_UPDATED: "Tenant updated",
  TENANT_DELETED: "Tenant deleted",
  API_TOKEN_CREATED: "API token created",
  API_TOKEN_REVOKED: "API token revoked",
  USER_CREATED: "User created",
  USER_DELETED: "User deleted",
  USER_ROLE_CHANGED: "User's role changed",
  USER_SIGNED_IN: "Signed in",
  USER_SIGN_IN_FAILED: "Sign-in failed",
  USER_SIGNED_OUT: "Signed out",
  SESSION_ENDED: "Session ended",
  PASSWORD_CHANGED: "Password changed",
  PASSWORD_RESET_LINK_CREATED: "Password reset link created",
  RUNTIME_REGISTERED: "Runtime registered",
  RUNTIME_UPDATED: "Runtime updated",
  RUNTIME_UNREGISTERED: "Runtime unregistered",
  LABEL_DEFINITION_CREATED: "Label definition created",
  LABEL_DEFINITION_UPDATED: "Label definition updated",
  LABEL_DEFINITION_DELETED: "Label definition deleted",
  LABEL_SET: "Label set",
  LABEL_DELETED: "Label removed",
  BOOT: "Server started for the first time",
};

export const OBJECT_TYPE_WORDS: Readonly<Record<string, string>> = {
  IntegrationSystem: "Integration system",
  Application: "Application",
  Tenant: "Tenant",
  ApiToken: "API token",
  User: "User",
  Session: "Session",
  Runtime: "Runtime",
  LabelDefinition: "Label definition",
  Server: "Server",
};

const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();

export const actionInWords = (action: string) => ACTION_WORDS[action] ?? sentence(action.replaceAll("_", " "));

export const objectTypeInWords = (type: string) => OBJECT_TYPE_WORDS[type] ?? sentence(type.replace(/([a-z])([A-Z])/g, "$1 $2"));
