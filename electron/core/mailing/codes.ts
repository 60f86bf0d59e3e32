/** The row codes live in shared/ (the screen explains them); core uses the same table. */
export * from '../../../shared/mailing/codes';
