/** The batch fields and the mapping schema live in shared/ (the mapping screen uses them too). */
export * from '../../../shared/mailing/mapping';
