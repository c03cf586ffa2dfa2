"""What the two PutFunctionAsyncInvokeConfig documents, English and Chinese, say of each key,
kept apart because they do not always agree (the event-age range above all), so that a hover
shows what each says rather than one merged answer. Plain data and strings: no pygls here."""

from __future__ import annotations

from dataclasses import dataclass

EN, ZH = "en", "zh"


def language(locale: str | None) -> str:
    """The hover language for an `initialize` locale: Chinese for `zh*`, else English."""
    return ZH if (locale or "").lower().replace("_", "-").startswith("zh") else EN


@dataclass(frozen=True)
class Entry:
    """One document's row for a key: what it means, its type, range and default as printed."""

    meaning: str
    type: str
    low: int | None = None
    high: int | None = None
    default: int | str | None = None


# Entries follow the request tables of shared/seeds/PutFunctionAsyncInvokeConfig.{en,zh}.txt
# and, for FC 3.0, the PutAsyncInvokeConfigInput struct page; the keys the tables do not
# describe (onSuccess, onFailure, destination) carry fclint's own wording, in OWN_MEANINGS.
# FC 2.0 request body: key -> document -> row; a document missing from the mapping does not
# list the key at all.
FC2_REQUEST: dict[str, dict[str, Entry]] = {
    "destinationConfig": {
        EN: Entry("The configuration structure of the destination for asynchronous invocation.",
                  "DestinationConfig"),
        ZH: Entry("异步调用目标的配置结构体。", "DestinationConfig"),
    },
    "maxAsyncEventAgeInSeconds": {
        EN: Entry("The validity period of requests, in seconds.", "Long", 1, 2592000),
        ZH: Entry("消息最大存活时长,单位为秒。", "Long", 1, 604800, 86400),
    },
    "maxAsyncRetryAttempts": {
        EN: Entry("The maximum number of retries after an asynchronous invocation fails.",
                  "Long", 0, 8, 3),
        ZH: Entry("异步调用失败后的最大重试次数。", "Long", 0, 8, 3),
    },
    "statefulInvocation": {
        ZH: Entry("是否开启异步任务。true:开启;false:不开启。", "Boolean"),
    },
    "qualifier": {
        EN: Entry("The alias or version of the service (a path parameter, not a body key).",
                  "String"),
        ZH: Entry("异步调用配置所属的服务的别名或版本(路径参数,不在请求体中)。", "String"),
    },
}

# Keys neither request table describes, and FC 3.0's: fclint's wording in both languages.
OWN_MEANINGS: dict[str, dict[str, str]] = {
    "onSuccess": {EN: "The destination for invocations that succeed.",
                  ZH: "异步调用成功后的目标。"},
    "onFailure": {EN: "The destination for invocations that fail after all retries or expire.",
                  ZH: "异步调用在重试用尽或过期后失败时的目标。"},
    "destination": {EN: "The ARN of the destination: an MNS queue or topic, a function, an "
                        "EventBridge event bus or an ApsaraMQ for RocketMQ topic.",
                    ZH: "目标的 ARN:MNS 队列或主题、函数、事件总线 EventBridge 或"
                        "消息队列 RocketMQ 版的主题。"},
    "asyncTask": {EN: "Whether asynchronous tasks are enabled (FC 2.0 called it "
                      "statefulInvocation).",
                  ZH: "是否开启异步任务(FC 2.0 中名为 statefulInvocation)。"},
    "destinationConfig": {EN: "The configuration of the destinations of asynchronous "
                              "invocations.", ZH: "异步调用目标的配置结构体。"},
    "maxAsyncEventAgeInSeconds": {EN: "The validity period of an event, in seconds.",
                                  ZH: "消息最大存活时长,单位为秒。"},
    "maxAsyncRetryAttempts": {EN: "The maximum number of retries after an asynchronous "
                                  "invocation fails.", ZH: "异步调用失败后的最大重试次数。"},
}

KIND_TITLES_ZH = {
    "fc2-request": "PutFunctionAsyncInvokeConfig 请求体",
    "fc2-config": "FC 2.0 异步调用配置(响应)",
    "fc2-list": "ListFunctionAsyncInvokeConfigs 响应",
    "fc3-request": "PutAsyncInvokeConfig 请求体",
    "fc3-config": "FC 3.0 AsyncConfig(响应)",
    "fc3-list": "ListAsyncInvokeConfigs 响应",
    "fc2-invocation": "GetStatefulAsyncInvocation 响应",
    "fc2-invocations": "ListStatefulAsyncInvocations 响应",
    "fc3-task": "GetAsyncTask 响应",
    "fc3-tasks": "ListAsyncTasks 响应",
}

TYPES_ZH = {"integer": "整数", "boolean": "布尔值", "string": "字符串", "object": "对象",
            "array": "数组", "null": "null"}

_WORDS = {
    EN: {"to": "to", "default": "default", "documents": "What the API documents say",
         "document": "document", "type": "type", "range": "range", "none": "not stated",
         "en": "English", "zh": "Chinese (request table)", "absent": "not listed",
         "disagree": "The documents disagree"},
    ZH: {"to": "到", "default": "默认", "documents": "API 文档的说法", "document": "文档",
         "type": "类型", "range": "取值范围", "none": "未说明", "en": "英文文档",
         "zh": "中文文档(请求参数表)", "absent": "未列出", "disagree": "两份文档不一致"},
}


def word(lang: str, key: str) -> str:
    return _WORDS[lang][key]


def meaning(key: str, lang: str, generation: int) -> str | None:
    """The key's meaning in `lang`: the API document's row for FC 2.0, else fclint's wording."""
    if generation == 2:
        row = FC2_REQUEST.get(key, {}).get(lang)
        if row is not None:
            return row.meaning
    return OWN_MEANINGS.get(key, {}).get(lang)


def documents_table(key: str, lang: str) -> str | None:
    """A table of what each FC 2.0 document says of `key`, with a note where they disagree."""
    rows = FC2_REQUEST.get(key)
    if rows is None:
        return None
    header = (f"| {word(lang, 'document')} | {word(lang, 'type')} | {word(lang, 'range')} "
              f"| {word(lang, 'default')} |")
    lines = [f"**{word(lang, 'documents')}**", "", header, "| --- | --- | --- | --- |"]
    for document in (EN, ZH):
        row = rows.get(document)
        if row is None:
            lines.append(f"| {word(lang, document)} | {word(lang, 'absent')} | | |")
        else:
            lines.append(f"| {word(lang, document)} | {row.type} | {_range(row, lang)} "
                         f"| {_default(row, lang)} |")
    note = _disagreement(key, rows, lang)
    if note:
        lines += ["", f"⚠ {word(lang, 'disagree')}: {note}"]
    return "\n".join(lines)


def _range(row: Entry, lang: str) -> str:
    if row.low is None or row.high is None:
        return word(lang, "none")
    return f"{row.low} {word(lang, 'to')} {row.high}"


def _default(row: Entry, lang: str) -> str:
    return word(lang, "none") if row.default is None else str(row.default)


def _disagreement(key: str, rows: dict[str, Entry], lang: str) -> str | None:
    en, zh = rows.get(EN), rows.get(ZH)
    if en is None or zh is None:
        only = word(lang, ZH if en is None else EN)
        return (f"only the {only} lists `{key}`." if lang == EN
                else f"只有{only}列出了 `{key}`。")
    if (en.low, en.high, en.default) == (zh.low, zh.high, zh.default):
        return None
    if lang == EN:
        return (f"the English document allows {_range(en, lang)} {_with_default(en, lang)}; "
                f"the Chinese request table allows {_range(zh, lang)} "
                f"{_with_default(zh, lang)}.")
    return (f"英文文档为 {_range(en, lang)},{_with_default(en, lang)};"
            f"中文请求参数表为 {_range(zh, lang)},{_with_default(zh, lang)}。")


def _with_default(row: Entry, lang: str) -> str:
    if lang == EN:
        return "with no default stated" if row.default is None else f"with default {row.default}"
    return "未写默认值" if row.default is None else f"默认值 {row.default}"
