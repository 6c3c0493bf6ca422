/**
 * deploy/kubernetes/: every overlay renders with `kubectl kustomize` (Debian's
 * kubernetes-client) and every object it renders validates against the
 * Kubernetes schemas (kubernetes-models, offline). The schemas accept unknown
 * fields, so what the deployment relies on is checked by name as well: the
 * probes on the health endpoints, the security context, the resources, the
 * shutdown budget, the selectors, and each overlay's storage and replicas.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, test } from "node:test";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { parseAllDocuments } from "yaml";

/** The kinds the manifests may hold: a new kind is added here, with its schema. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "v1/Service": Service,
  "v1/Secret": Secret,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/Ingress": Ingress,
};

function render(overlay: string): any[] {
  let text: string;
  try {
    text = execFileSync("kubectl", ["kustomize", `deploy/kubernetes/overlays/${overlay}`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    throw new Error(code === "ENOENT" ? "kubectl is not installed: apt-get install kubernetes-client" : `kubectl kustomize failed: ${stderr}`);
  }
  return parseAllDocuments(text).map((document) => {
    assert.deepEqual(document.errors, []);
    return document.toJS();
  });
}

const one = (objects: any[], kind: string) => {
  const found = objects.filter((object) => object.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0];
};

const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([key, value]) => labels[key] === value);

for (const overlay of ["sqlite", "postgresql"]) {
  describe(`the ${overlay} overlay`, () => {
    const objects = render(overlay);

    test("every object validates against its Kubernetes schema", () => {
      for (const object of objects) {
        const Model = MODELS[`${object.apiVersion}/${object.kind}`];
        assert.ok(Model, `no schema listed for ${object.apiVersion} ${object.kind}`);
        assert.doesNotThrow(() => new Model(object).validate(), `${object.kind} ${object.metadata?.name}`);
      }
    });

    test("the deployment: probes on the health endpoints, locked-down container, measured resources, time to drain", () => {
      const deployment = one(objects, "Deployment");
      const pod = deployment.spec.template.spec;
      assert.equal(pod.containers.length, 1);
      const [server] = pod.containers;
      const port = (name: string) => server.ports.find((entry: any) => entry.name === name)?.containerPort;
      assert.equal(port("http"), 3000);
      assert.deepEqual(
        [server.livenessProbe.httpGet.path, server.readinessProbe.httpGet.path, server.startupProbe.httpGet.path],
        ["/api/health/live", "/api/health/ready", "/api/health/live"],
      );
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.ok(pod.securityContext.runAsUser > 0);
      assert.deepEqual(server.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
      assert.match(server.resources.requests.memory, /^\d+Mi$/);
      assert.ok(Number.parseInt(server.resources.limits.memory, 10) >= 400, "the instance holds about 340 MB after 1,000 page loads");
      const env = Object.fromEntries(server.env.map((entry: any) => [entry.name, entry.value]));
      assert.equal(env.METRICS_PORT, String(port("metrics")));
      assert.ok(
        pod.terminationGracePeriodSeconds > Number(env.SHUTDOWN_GRACE_SECONDS) + Number(env.SHUTDOWN_TIMEOUT_SECONDS),
        "the kubelet waits for the drain",
      );
      assert.deepEqual(server.envFrom, [{ secretRef: { name: one(objects, "Secret").metadata.name } }]);
    });

    test("the service and the disruption budget select the deployment's pods", () => {
      const deployment = one(objects, "Deployment");
      const labels = deployment.spec.template.metadata.labels;
      assert.ok(matches(deployment.spec.selector.matchLabels, labels));
      assert.ok(matches(one(objects, "Service").spec.selector, labels));
      assert.ok(matches(one(objects, "PodDisruptionBudget").spec.selector.matchLabels, labels));
      assert.equal(one(objects, "Service").spec.ports[0].targetPort, "http");
    });

    if (overlay === "sqlite") {
      test("one replica, never two at once, the database on a claim at /data", () => {
        const deployment = one(objects, "Deployment");
        assert.equal(deployment.spec.replicas, 1);
        assert.equal(deployment.spec.strategy.type, "Recreate");
        const pod = deployment.spec.template.spec;
        const mount = pod.containers[0].volumeMounts.find((entry: any) => entry.mountPath === "/data");
        const volume = pod.volumes.find((entry: any) => entry.name === mount.name);
        assert.equal(volume.persistentVolumeClaim.claimName, one(objects, "PersistentVolumeClaim").metadata.name);
      });
    } else {
      test("several replicas rolling one at a time, the database URL and SECRET_KEY from the secret, an ingress to the service", () => {
        const deployment = one(objects, "Deployment");
        assert.ok(deployment.spec.replicas >= 2);
        assert.deepEqual(deployment.spec.strategy.rollingUpdate, { maxSurge: 1, maxUnavailable: 0 });
        assert.deepEqual(Object.keys(one(objects, "Secret").stringData).sort(), ["ADMIN_EMAIL", "ADMIN_PASSWORD", "DATABASE_URL", "SECRET_KEY"]);
        assert.equal(one(objects, "Ingress").spec.rules[0].http.paths[0].backend.service.name, one(objects, "Service").metadata.name);
        assert.equal(objects.filter((object) => object.kind === "PersistentVolumeClaim").length, 0);
      });
    }
  });
}
