/** The encrypted, signed list bundle (SPEC F13). */
export { exportBundle, importBundle, openBundle, type BundleExportAccess, type BundleHeader, type BundleImportOptions, type BundleImportResult } from './bundle';
export { bundleErrors } from './errors';
export { pinSigner, pinnedSigner, fingerprint } from './signing';
export { ensureLineageSigner, lineageSignerPublic } from './signerKey';
