/**
 * What the code and the Kubernetes manifests in `sample-app/k8s/` must agree on; the manifest test
 * (test/e2e/sample-k8s-manifests.spec.ts) imports these rather than repeating them.
 */

/** Where the Deployment mounts the projected volume (ConfigMap + Secret), and `--config-dir` in a pod. */
export const MOUNT_PATH = '/etc/dflag';

/** The public port (`--port`): the Service's target, the only port an Ingress may reach. */
export const PUBLIC_PORT = 3000;

/** The internal port (`--internal-port`): the listing and `/metrics`, never in the public Service. */
export const INTERNAL_PORT = 9090;

/** The liveness probe's path (`isLive()`). */
export const LIVENESS_PATH = '/livez';

/** The readiness probe's path (`isReady()`). */
export const READINESS_PATH = '/readyz';

/** Go dflag's listing page, served on the internal port only. */
export const LISTING_PATH = '/debug/flags';

/** The Prometheus scrape path, served on the internal port only. */
export const METRICS_PATH = '/metrics';

/** The OpenFeature domain the sample registers its flags under. */
export const OPENFEATURE_DOMAIN = 'sample';
