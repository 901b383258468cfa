package org.leadrelay.console.leads;

/**
 * One event newly added to a lead's story.
 *
 * @param before the story before the event (its state, its partner)
 * @param after  the story with it
 * @param added  the event
 */
public record StoryChange(LeadStory before, LeadStory after, StoryEvent added) {
}
