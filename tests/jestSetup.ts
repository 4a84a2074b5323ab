// Every jest worker: the telemetry's development mode (functions/src/telemetry/env.ts). The
// logger prints through the global console (tests that expect a warning spy on it), and
// metrics (an EMF line per posting and per refusal) are not printed at all.
process.env.POWERTOOLS_DEV = 'true';
