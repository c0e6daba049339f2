import { scoreShare } from './detection.ts';

// Every other fault and variant group (the rest in fault-detection-a.test.ts).
scoreShare(1);
