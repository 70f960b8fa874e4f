package io.dutyroom.adapters.profile;

/** A label in the two languages of the duty room: Chinese (zh-CN) and English. */
public record LocalizedText(String zh, String en) {
}
