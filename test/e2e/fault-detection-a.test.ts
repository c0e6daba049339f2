import { scoreShare } from './detection.ts';

// Every other fault and variant group (the rest in fault-detection-b.test.ts).
scoreShare(0);
