/** The finding codes, systems and resolutions live in shared/ (the screen explains them); core uses the same table. */
export * from '../../../shared/mailing/reconcileCodes';
