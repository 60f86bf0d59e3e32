/** The fleet (SPEC F14–F16, FLEET.md): a TUF drop folder between one station and its terminals. */
export { fleetErrors } from './errors';
export { FleetStation, interimList, type AdminPinKey, type AckedHead, type HeadsFile, type PendingRelease, type StationDeps } from './station';
export { FleetTerminal, type FleetPlan, type FleetState, type FleetStatus, type StaffCheck, type TerminalDeps } from './terminal';
export { DropFolderFetcher } from './fetcher';
export { wrapAdminKey, unwrapAdminKey, type WrappedAdminKey } from './keys';
export { packageName, type ListIdentity, type PackageContent } from './package';
export { writeSegment, segmentName, type Segment } from './segment';
export { FleetReview, type SegmentProblem, type SegmentProblemKind, type SegmentResult } from './review';
