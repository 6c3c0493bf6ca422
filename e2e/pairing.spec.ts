import { graphql, signIn, uniqueName } from "./console";
import { expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { CONFIGURATION, keyAndCsr, signCsrDocument } from "../test/pairing-support";

/** Issue 25 in the console: pairing an application (the one-time token shown once, counting down), its issued certificates, and the certificate subject mappings page. */

const CREATE_TENANT = "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }";
const REGISTER = "mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }";

test("Pair shows the one-time token once with its countdown and example; the certificate it leads to is listed and revoked", async ({ page }) => {
  await signIn(page);
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(page.request, CREATE_TENANT, {
    in: { externalId: uniqueName("pairing").replace(" ", "-"), name: uniqueName("Pairing Tenant") },
  });
  const name = uniqueName("Warehouse");
  const registered = await page.request.post("/api/graphql", { headers: { tenant: tenant.id }, data: { query: REGISTER, variables: { in: { name } } } });
  const application = (await registered.json()).data.registerApplication as { id: string };

  await page.goto(`/tenants/${tenant.id}/applications/${application.id}`);
  const section = page.getByRole("region", { name: "Client certificates" });
  await expect(section.getByText("No certificates issued yet.")).toBeVisible();

  await section.getByRole("button", { name: "Pair" }).click();
  await page
    .getByRole("dialog", { name: `Pair ${name}` })
    .getByRole("button", { name: "Get one-time token" })
    .click();
  const reveal = page.getByRole("dialog", { name: `Pair ${name}` });
  const tokenText = reveal.getByRole("group", { name: "One-time token" });
  await expect(tokenText).toHaveText(/^cmp_ott_[A-Za-z0-9_-]{43}$/);
  const token = (await tokenText.textContent())!;
  await expect(reveal.getByRole("timer")).toContainText(/Works once, for [45]:\d\d more/);
  await expect(reveal.getByRole("group", { name: "curl command" })).toContainText(`Connector-Token: ${token}`);
  await expect(reveal.getByRole("group", { name: "curl command" })).toContainText("configuration()");
  await expect(reveal.getByRole("button", { name: "Download .env" })).toBeVisible();
  await expect(reveal.getByRole("button", { name: "Close" })).toBeDisabled();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "pairing-dialog");
  await reveal.getByLabel("I have handed the token over").check();
  await reveal.getByRole("button", { name: "Close" }).click();
  await expect(reveal).toBeHidden();
  // Gone from the page once closed: only its hash is kept.
  expect(await page.content()).not.toContain(token);

  // The application pairs with it through the Connector, as Compass's clients do.
  const connector = async (query: string, connectorToken: string) =>
    (await (await page.request.post("/connector/graphql", { headers: { "Connector-Token": connectorToken }, data: { query } })).json()) as any;
  const configuration = (await connector(CONFIGURATION, token)).data.result;
  const { csr } = await keyAndCsr(configuration.certificateSigningRequestInfo.subject);
  const signed = await connector(signCsrDocument(csr), configuration.token.token);
  expect(signed.errors).toBeUndefined();

  await page.reload();
  const table = section.getByRole("table", { name: "Issued client certificates" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Active");
  // The pairing's system auth is among the credentials, named for what it is; the picture waits for the whole page.
  await expect(page.getByRole("region", { name: "Credentials" })).toContainText("Client certificate (paired with a one-time token)");
  await expect(page.getByRole("region", { name: "Webhooks" }).getByText("No webhooks yet.")).toBeVisible();
  await screenshots(page, "issued-certificates");
  await table.getByRole("button", { name: /^Revoke certificate / }).click();
  await page.getByRole("dialog", { name: "Revoke this certificate?" }).getByRole("button", { name: "Revoke certificate" }).click();
  await expect(table).toContainText("Revoked");
  await expect(table.getByRole("button", { name: /^Revoke certificate / })).toHaveCount(0);
});

test("Certificate subject mappings: an invalid subject is refused on its field; a valid one is listed sorted, and deleted", async ({ page }) => {
  await signIn(page);
  await page.goto("/overview");
  await page.getByRole("navigation").getByRole("link", { name: "Subject mappings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Certificate subject mappings" })).toBeVisible();
  await page.getByRole("button", { name: "Add mapping" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a certificate subject mapping" });
  await dialog.getByLabel("Subject").fill("C=DE, O=Example, CN=no-unit");
  await dialog.getByRole("button", { name: "Add mapping" }).click();
  await expect(dialog.getByLabel("Subject")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText("at least 5");
  const cn = uniqueName("system").replace(" ", "-");
  await dialog.getByLabel("Subject").fill(`C=DE, L=Walldorf, O=Example, OU=Systems, OU=Europe, CN=${cn}`);
  await dialog.getByLabel("Consumer type").selectOption("Integration System");
  await dialog.getByLabel("Internal consumer ID").fill("00000000-0000-0000-0000-0000000000aa");
  await dialog.getByRole("checkbox", { name: "global" }).check();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: "Add mapping" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: `CN=${cn}, OU=Europe, OU=Systems, O=Example, L=Walldorf, C=DE` });
  await expect(row).toContainText("Integration System");
  await expect(row).toContainText("global");
  // The picture shows the page, not the toast over it.
  await page.getByRole("button", { name: "Dismiss notification" }).click();
  await screenshots(page, "certificate-subject-mappings");
  await row.getByRole("button", { name: /^Delete mapping / }).click();
  await page.getByRole("dialog", { name: "Delete this mapping?" }).getByRole("button", { name: "Delete mapping" }).click();
  await expect(row).toHaveCount(0);
});
