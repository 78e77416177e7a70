package io.corpusforge.jobs.stage;

/**
 * What {@link Stage#run} returns: rows read, rows written to the main output, and the stage's own report section.
 * Rejected rows are counted by the skeleton from what {@link StageContext#writeRejects} wrote.
 */
public record StageResult(long rowsIn, long rowsOut, StageSection section) {}
