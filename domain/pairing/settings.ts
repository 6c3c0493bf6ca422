import type { Config } from "@/lib/config";
import { NodeCertificate } from "@/lib/x509";
import type { CaSettings } from "./certificate-authority.service";
import type { ClientCertificateSettings } from "./client-certificates.service";
import type { ConnectorSettings } from "./connector.service";

/** Each certificate of a PEM bundle. */
function certificatesIn(pem: string | null): NodeCertificate[] {
  return (pem?.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((block) => new NodeCertificate(block));
}

type PairingSettings = { connector: ConnectorSettings; clientCertificates: ClientCertificateSettings; ca: CaSettings };
const parsed = new WeakMap<Config, PairingSettings>();

/** What the pairing services need of the configuration (the ways in hand it over; domain/ never reads the environment); parsed once per configuration. */
export function pairingSettings(config: Config): PairingSettings {
  let settings = parsed.get(config);
  if (!settings) parsed.set(config, (settings = readSettings(config)));
  return settings;
}

function readSettings(config: Config): PairingSettings {
  const { connector } = config;
  const ca: CaSettings = {
    validityDays: connector.caValidityDays,
    clientCertificateTtlDays: connector.clientCertificateTtlDays,
    external: connector.externalCa,
  };
  return {
    ca,
    connector: {
      subject: connector.subject,
      clientCertificateTtlDays: connector.clientCertificateTtlDays,
      csrTokenTtlSeconds: config.oneTimeTokenTtlSeconds.csr,
      ca,
    },
    clientCertificates: { ca, outsideCas: certificatesIn(connector.outsideCaPem) },
  };
}
