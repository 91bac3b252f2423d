/** Reports: the sheet that sends a report about a person to the safety team. */
export { ReportSheet } from './ReportSheet';
