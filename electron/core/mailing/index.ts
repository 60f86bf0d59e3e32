export { AddressIndex, type AddressAgreement } from './addressIndex';
export { checkBatch, type CheckSummary, type MailingDirectory, type RowResult } from './check';
export { MAIL_CODES, type MailCode, type MailDecision } from './codes';
export { MAIL_FIELDS, MAIL_FIELD_LABEL, mailMappingSchema, type MailField, type MailMapping } from './mapping';
export { MappingStore } from './mappingStore';
export { mailingReportCsv } from './report';
export { MailingService, mailingErrors, type MailingOutcome } from './service';
