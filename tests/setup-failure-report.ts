// Every test file: a failed test prints where its live parts got to (see failure-report.ts).
import { printReportsAfterFailures } from './support/failure-report';

printReportsAfterFailures();
