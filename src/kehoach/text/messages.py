"""Every sentence kehoach says to a user, in Vietnamese and English.

One catalogue, so a message is worded once and translated once. A code maps to
(vi, en) texts and optional (vi, en) hints on how to fix the problem; arguments
are filled in with ``str.format``.
"""

from __future__ import annotations

import string
from typing import Any

_M = dict[str, tuple[str, str]]

TEXTS: _M = {
    # files and YAML
    "file.missing": ("Không tìm thấy tệp.", "File not found."),
    "file.is_directory": (
        "Đây là một thư mục, không phải tệp kế hoạch.",
        "This is a folder, not a plan file.",
    ),
    "file.too_large": (
        "Tệp quá lớn (hơn {limit} byte) để là một kế hoạch.",
        "File too large (over {limit} bytes) to be a plan.",
    ),
    "file.not_utf8": ("Tệp không ở mã UTF-8.", "The file is not UTF-8 text."),
    "file.symlink_loop": (
        "Không mở được tệp: liên kết tượng trưng trỏ vòng về chính nó.",
        "Cannot open the file: its symbolic links point round in a loop.",
    ),
    "file.name_too_long": (
        "Tên hoặc đường dẫn tệp quá dài so với hệ thống tệp.",
        "The file name or path is too long for the file system.",
    ),
    "file.no_permission": ("Không có quyền đọc tệp này.", "No permission to read this file."),
    "file.unreadable": ("Không đọc được tệp: {detail}.", "Cannot read the file: {detail}."),
    "docx.missing": ("Không tìm thấy tệp {path}.", "File {path} not found."),
    "docx.not_docx": (
        "{path} không phải tệp Word .docx (hoặc tệp đã hỏng).",
        "{path} is not a Word .docx file (or it is damaged).",
    ),
    "file.empty": ("Tệp kế hoạch trống.", "The plan file is empty."),
    "file.not_mapping": (
        "Tệp kế hoạch phải là các mục 'khóa: giá trị' ở cấp ngoài cùng.",
        "The plan must be a mapping of 'key: value' at the top level.",
    ),
    "yaml.syntax": ("Lỗi cú pháp YAML: {detail}.", "YAML syntax error: {detail}."),
    "yaml.colon_in_text": (
        "Có dấu ':' giữa đoạn chữ, YAML hiểu nhầm là một khóa mới.",
        "A ':' inside the text makes YAML read it as a new key.",
    ),
    "yaml.duplicate_key": ("Khóa '{key}' xuất hiện hai lần.", "Key '{key}' appears twice."),
    "yaml.bad_key": ("Khóa phải là chữ.", "A key must be text."),
    "yaml.too_deep": (
        "Các mục lồng nhau quá sâu (hơn {limit} tầng), hoặc một bí danh (&, *) chứa chính nó.",
        "Entries nest too deeply (over {limit} levels), or an alias (&, *) contains itself.",
    ),
    "yaml.bad_value": (
        "Giá trị kiểu '{tag}' không dùng được trong kế hoạch.",
        "A value of type '{tag}' cannot be used in a plan.",
    ),
    "yaml.number_too_long": (
        "Số có {digits} chữ số, quá dài để đọc.",
        "A number of {digits} digits is too long to read.",
    ),
    "yaml.too_many_values": (
        "Tệp mở rộng ra quá nhiều giá trị (hơn {limit}); có thể do bí danh (&, *) lồng nhau.",
        "The file expands to too many values (over {limit}); nested aliases (&, *) may be the cause.",
    ),
    "yaml.too_many_aliased": (
        "Các bí danh (&, *) mở rộng ra quá nhiều giá trị (hơn {limit}); tệp có thể là một 'quả bom bí danh'.",
        "Aliases (&, *) expand to too many values (over {limit}); the file may be an alias bomb.",
    ),
    "limits.bad_scale": (
        "{name} phải là một số nguyên từ 1 đến {most}, không phải '{value}'.",
        "{name} must be a whole number from 1 to {most}, not '{value}'.",
    ),
    # shapes and types (from pydantic)
    "missing": ("Thiếu mục bắt buộc '{field}'.", "Required key '{field}' is missing."),
    "extra_forbidden": (
        "Khóa '{field}' không có trong mẫu kế hoạch.",
        "Key '{field}' is not part of a plan.",
    ),
    "string_type": ("Cần một đoạn chữ.", "Expected text."),
    "int_type": ("Cần một số nguyên.", "Expected a whole number."),
    "int_parsing": ("Cần một số nguyên.", "Expected a whole number."),
    "float_parsing": ("Cần một số.", "Expected a number."),
    "float_type": ("Cần một số.", "Expected a number."),
    "bool_type": ("Cần 'true' hoặc 'false'.", "Expected true or false."),
    "date_type": ("Cần một ngày dạng 2025-08-01.", "Expected a date such as 2025-08-01."),
    "date_parsing": ("Ngày không hợp lệ.", "Not a valid date."),
    "date_from_datetime_parsing": ("Ngày không hợp lệ.", "Not a valid date."),
    "list_type": (
        "Cần một danh sách (mỗi dòng bắt đầu bằng '- ').",
        "Expected a list (lines starting with '- ').",
    ),
    "dict_type": ("Cần các mục 'khóa: giá trị'.", "Expected 'key: value' entries."),
    "model_type": ("Cần các mục 'khóa: giá trị'.", "Expected 'key: value' entries."),
    "model_attributes_type": ("Cần các mục 'khóa: giá trị'.", "Expected 'key: value' entries."),
    "greater_than_equal": ("Giá trị phải từ {ge} trở lên.", "The value must be at least {ge}."),
    "less_than_equal": ("Giá trị không được quá {le}.", "The value must be at most {le}."),
    "string_too_long": ("Quá dài: tối đa {max_length} ký tự.", "Too long: at most {max_length} characters."),
    "too_short": (
        "Danh sách cần ít nhất {min_length} phần tử.",
        "The list needs at least {min_length} entries.",
    ),
    "literal_error": ("Giá trị phải là một trong: {expected}.", "The value must be one of: {expected}."),
    "value_error": ("Giá trị không hợp lệ: {detail}.", "Invalid value: {detail}."),
    # our own rules
    "impossible_date": ("Ngày không có thật: {text}.", "No such date: {text}."),
    "empty_text": ("Đoạn chữ trống.", "Empty text."),
    "bad_id": (
        "Mã chỉ gồm chữ thường không dấu, số và dấu '-', tối đa 60 ký tự,"
        " và không trùng tên thiết bị của Windows (con, nul…).",
        "An id has only lower-case ASCII letters, digits and '-', at most 60 characters,"
        " and is not a Windows device name (con, nul…).",
    ),
    "control_character": (
        "Có ký tự điều khiển {char} không in được trong văn bản.",
        "Control character {char} cannot appear in a document.",
    ),
    "item_without_text": ("Mục cần 'title' hoặc 'text'.", "An item needs a 'title' or a 'text'."),
    "unknown_document_type": (
        "Tên loại văn bản không có trong Nghị định 30.",
        "Not a document type of Decree 30.",
    ),
    "date_or_year": (
        "Cần 'date' (ngày ban hành) hoặc 'year' (năm, khi là dự thảo).",
        "Give 'date' (issue date) or 'year' (for a draft).",
    ),
    "month_with_date": (
        "'month' chỉ dùng cho dự thảo chưa có ngày: đã có 'date' thì bỏ 'month'.",
        "'month' is for a draft without its day: with a 'date', leave 'month' out.",
    ),
    "unknown_authority": (
        "Thẩm quyền ký không hợp lệ; dùng một trong: {allowed}",
        "Not a signing authority; use one of: {allowed}",
    ),
    "authority_without_title": (
        "Có 'authority' thì cần 'authority_title' (ví dụ CHỦ TỊCH).",
        "'authority' needs 'authority_title' (e.g. CHỦ TỊCH).",
    ),
    "block_kinds": (
        "Mỗi khối của 'body' là đúng một loại: {kinds}.",
        "Each block of a 'body' is exactly one kind: {kinds}.",
    ),
    "block_style_without_heading": (
        "'style' chỉ dùng cho tiêu đề không đánh số ('heading').",
        "'style' belongs to an unnumbered sub-heading ('heading').",
    ),
    "block_marker_without_list": (
        "'marker' chỉ dùng cho danh sách ('list').",
        "'marker' belongs to a list ('list').",
    ),
    "body_and_short_forms": (
        "Dùng 'body' hoặc 'paragraphs'/'items'/'bullets', không dùng cả hai.",
        "Use 'body' or 'paragraphs'/'items'/'bullets', not both.",
    ),
    "unknown_numbering_format": (
        "Không có kiểu đánh số này; dùng một trong: {formats}",
        "Not a numbering format; use one of: {formats}",
    ),
    "unknown_numbering_style": (
        "Không có kiểu đánh số này; dùng một trong: {styles}.",
        "Not a numbering style; use one of: {styles}.",
    ),
    "unknown_marker": (
        "Không có ký hiệu đầu dòng này; dùng một trong: {markers}",
        "Not a list marker; use one of: {markers}",
    ),
    "style_and_levels": (
        "Dùng 'style' (kiểu có tên) hoặc 'levels' (từng cấp), không dùng cả hai.",
        "Use 'style' (a named style) or 'levels' (each level), not both.",
    ),
    "group_row_with_cells": (
        "Dòng nhóm ('group') không có 'cells' hay 'total'.",
        "A group row ('group') has no 'cells' or 'total'.",
    ),
    "empty_row": ("Dòng bảng trống.", "Empty table row."),
    "notice_unknown_part": (
        "Thông báo của bảng nêu '{id}', nhưng kế hoạch không có phần nào mang mã này.",
        "The table's notice names '{id}', but no part of the plan has this id.",
    ),
    "group_row_assigned": (
        "Dòng nhóm hay dòng tổng không giao việc ('lead', 'with').",
        "A group or total row assigns no task ('lead', 'with').",
    ),
    "appendix_contents": (
        "Phụ lục chỉ có một nội dung: 'show', 'table' hoặc 'body' (đang có: {given}).",
        "An appendix has one content: 'show', 'table' or 'body' (given: {given}).",
    ),
    "appendix_repeats_key_tasks": (
        "Phụ lục này sẽ in lại bảng nhiệm vụ đã có ở {first}.",
        "This appendix would print again the task table of {first}.",
    ),
    "duplicate_part_id": (
        "Mã '{id}' đã dùng cho phần khác (mục, khoản, bảng hoặc phụ lục).",
        "Id '{id}' is already used by another part (section, item, table or appendix).",
    ),
    "deadline_before_issue": (
        "Thời hạn {deadline} đã qua trước ngày ban hành {issued}.",
        "Deadline {deadline} has passed before the issue date {issued}.",
    ),
    "lint.capital_after_verb": (
        "'{word}' giữa câu viết thường: '{lower}'.",
        "'{word}' inside a sentence is written '{lower}'.",
    ),
    "lint.schedule_before_issue": (
        "Ngày '{text}' trong lịch đã qua trước ngày ban hành {issued}: thông báo sẽ báo một ngày đã qua.",
        "The schedule's '{text}' is before the issue date {issued}: its notice would announce a day already past.",
    ),
    "lint.report_no_date": (
        "Không tính được ngày báo cáo từ '{text}' (lịch sẽ không nhắc hạn báo cáo này).",
        "No day can be worked out from the reporting time '{text}' (calendars will not remind of it).",
    ),
    "lint.no_date": (
        "Không tính được ngày từ thời hạn '{text}' (lịch và nhắc hạn sẽ bỏ qua nhiệm vụ này).",
        "No date can be worked out from the deadline '{text}' (calendars and reminders leave this task out).",
    ),
    "reference_unknown": (
        "Tham chiếu {reference} không trỏ tới phần nào của kế hoạch.",
        "Reference {reference} points at no part of the plan.",
    ),
    "reference_wrong_kind": (
        "Tham chiếu {reference} trỏ tới một {kind}.",
        "Reference {reference} points at a {kind}.",
    ),
    "table_row_width": (
        "Dòng có {count} ô nhưng bảng có {columns} cột.",
        "The row has {count} cells but the table has {columns} columns.",
    ),
    "table_not_a_number": (
        "Cột '{column}' là cột số, nhưng ô này không phải số: '{text}'.",
        "Column '{column}' holds numbers, but this cell is not one: '{text}'.",
    ),
    "table_total_mismatch": (
        "Tổng cột '{column}' ghi {stated}, nhưng cộng các dòng được {computed}.",
        "The total of column '{column}' says {stated}, but the rows add up to {computed}.",
    ),
    "duplicate_unit_id": (
        "Mã đơn vị '{id}' đã dùng cho đơn vị khác.",
        "Unit id '{id}' is already used by another unit.",
    ),
    "duplicate_phase_id": (
        "Mã đợt '{id}' đã dùng cho đợt khác.",
        "Phase id '{id}' is already used by another phase.",
    ),
    "unknown_phase": ("Không có đợt '{id}'.", "There is no phase '{id}'."),
    "unknown_unit": ("Không có đơn vị '{id}'.", "There is no unit '{id}'."),
    "phase_order": (
        "{name} kết thúc ({end}) trước khi bắt đầu ({start}).",
        "{name} ends ({end}) before it starts ({start}).",
    ),
    "number_too_large": (
        "Số văn bản quá lớn: tối đa {limit}.",
        "The document number is too large: at most {limit}.",
    ),
    "bad_symbol": (
        "Số và ký hiệu '{text}' không đúng dạng 15/KH-UBND.",
        "Number and symbol '{text}' is not of the form 15/KH-UBND.",
    ),
    "symbol_form": (
        "Số và ký hiệu '{given}' không theo thể thức {profile}: viết '{expected}'.",
        "Number and symbol '{given}' is not in the form of {profile}: write '{expected}'.",
    ),
    "type_not_in_profile": (
        "Tên loại '{type}' không có trong thể thức {profile}.",
        "Document type '{type}' is not one of {profile}.",
    ),
    "authority_not_in_profile": (
        "Thẩm quyền ký '{given}' không theo thể thức {profile}.",
        "Signing form '{given}' is not one of {profile}.",
    ),
    "party_committee_deputy": (
        "Cấp uỷ là tập thể, không ký thay (K/T): văn bản của {body} ký thay mặt (T/M).",
        "A Party committee signs as a body: {body}'s documents are signed T/M, never K/T.",
    ),
    "symbol_mismatch": (
        "Ký hiệu '{given}' không khớp với tên loại và cơ quan của kế hoạch ({expected}).",
        "Symbol '{given}' does not match the plan's type and issuing body ({expected}).",
    ),
    "phase_overlap": (
        "{name} bắt đầu ({start}) khi {other} chưa kết thúc ({end}).",
        "{name} starts ({start}) before {other} ends ({end}).",
    ),
    "deadline_outside_phase": (
        "Thời hạn {deadline} nằm ngoài đợt '{phase}'.",
        "Deadline {deadline} lies outside phase '{phase}'.",
    ),
    "unit_without_tasks": ("Đơn vị '{name}' chưa có nhiệm vụ nào.", "Unit '{name}' has no task."),
    "section_list_missing": (
        "Mục '{title}' hiển thị '{show}' nhưng kế hoạch không có danh sách đó.",
        "Section '{title}' shows '{show}' but the plan has no such list.",
    ),
    # lint: valid, but a reviewer would send it back
    "lint.not_nfc": (
        "Chữ không ở dạng Unicode dựng sẵn (NFC); kehoach đã chuẩn hóa khi đọc.",
        "Text not in Unicode NFC; kehoach normalised it when reading.",
    ),
    "lint.not_a_syllable": ("'{word}' không phải là một âm tiết tiếng Việt.", "'{word}' is not a Vietnamese syllable."),
    "lint.mixed_tone_marks": (
        "Dấu thanh đặt kiểu khác phần còn lại của kế hoạch: '{word}' (kế hoạch dùng '{expected}').",
        "Tone mark placed unlike the rest of the plan: '{word}' (the plan writes '{expected}').",
    ),
    "lint.hand_numbered": (
        "'{name}' không phải số nào của kế hoạch này (đang có: {known}).",
        "'{name}' is not a number of this plan (it has: {known}).",
    ),
    "lint.citation_differs": (
        "{kind} ngày {date} được dẫn với hai ký hiệu: '{symbol}' ở đây, '{other}' ở chỗ khác.",
        "{kind} of {date} is cited with two symbols: '{symbol}' here, '{other}' elsewhere.",
    ),
    "lint.double_space": ("Hai dấu cách liền nhau.", "Two spaces in a row."),
    "lint.space_before_punctuation": ("Dấu cách trước dấu '{mark}'.", "A space before '{mark}'."),
    "lint.no_final_mark": ("Đoạn kết thiếu dấu './.' ở cuối.", "The closing paragraph does not end with './.'."),
    "lint.unit_not_a_recipient": (
        "Đơn vị '{name}' có nhiệm vụ nhưng không có trong Nơi nhận.",
        "Unit '{name}' has tasks but no line of Nơi nhận reaches it.",
    ),
    "lint.flow_split": (
        "'{item}' bắt đầu bằng chữ thường: có vẻ YAML đã tách một câu ở dấu phẩy (danh sách trong [ ] tách ở mọi"
        " dấu phẩy).",
        "'{item}' starts in lower case: YAML seems to have split one sentence at a comma (a [ ] list splits at every"
        " comma).",
    ),
    "lint.flow_split_names": (
        "'{item}' không phải mã đơn vị và bắt đầu bằng chữ thường: có vẻ YAML đã tách một tên ở dấu phẩy.",
        "'{item}' is not a unit id and starts in lower case: YAML seems to have split one name at a comma.",
    ),
    "lint.clean": ("Không có gì cần sửa.", "Nothing to fix."),
    "lint.count": ("{count} cảnh báo.", "{count} warning(s)."),
    "lint.fixed": (
        "Đã sửa {count} chữ về một kiểu dấu thanh ({style}) trong {path}; các phần khác giữ nguyên.",
        "Rewrote {count} word(s) to one tone-mark style ({style}) in {path}; nothing else changed.",
    ),
    # git (reading revisions of a plan)
    "git.missing": (
        "Không tìm thấy chương trình git; cần cài git để so sánh các phiên bản kế hoạch.",
        "git was not found; install git to compare revisions of a plan.",
    ),
    "git.not_a_repo": ("'{path}' không nằm trong một kho git.", "'{path}' is not inside a git repository."),
    "git.unknown_revision": ("Kho git không có phiên bản '{rev}'.", "The git repository has no revision '{rev}'."),
    "git.not_tracked": ("Phiên bản '{rev}' không có tệp '{path}'.", "Revision '{rev}' has no file '{path}'."),
    # diff and change notices (labels, headings)
    "diff.title": ("Thay đổi của kế hoạch", "Changes to the plan"),
    "diff.empty": ("Không có thay đổi.", "No changes."),
    "diff.none": ("(không có)", "(none)"),
    "diff.arrow": (" → ", " → "),
    "diff.section.header": ("Thông tin chung", "General"),
    "diff.section.basis": ("Căn cứ", "Basis"),
    "diff.section.intro": ("Đoạn mở đầu", "Introduction"),
    "diff.section.sections": ("Các mục", "Sections"),
    "diff.section.phases": ("Các đợt", "Phases"),
    "diff.section.units": ("Đơn vị thực hiện", "Units"),
    "diff.section.tasks": ("Nhiệm vụ", "Tasks"),
    "diff.section.key_tasks": ("Nhiệm vụ trọng tâm (phụ lục)", "Key tasks (appendix)"),
    "diff.section.slogans": ("Khẩu hiệu", "Slogans"),
    "diff.section.closing": ("Đoạn kết", "Closing paragraph"),
    "diff.section.recipients": ("Nơi nhận", "Recipients"),
    "diff.section.appendices": ("Phụ lục", "Appendices"),
    "diff.section.notices": ("Thông báo theo lịch", "Notices of a schedule"),
    "diff.section.order": ("Thứ tự", "Order"),
    "diff.field.document.type": ("Loại văn bản", "Document type"),
    "diff.field.document.number": ("Số", "Number"),
    "diff.field.document.date": ("Ngày ban hành", "Date of issue"),
    "diff.field.document.year": ("Năm", "Year"),
    "diff.field.document.month": ("Tháng (dự thảo)", "Month (of a draft)"),
    "diff.field.document.place": ("Địa danh", "Place"),
    "diff.field.document.subject": ("Trích yếu", "Subject"),
    "diff.field.issuer.parent": ("Cơ quan chủ quản", "Parent body"),
    "diff.field.issuer.name": ("Tên cơ quan ban hành", "Issuing body"),
    "diff.field.issuer.abbr": ("Chữ viết tắt của cơ quan", "Issuer's abbreviation"),
    "diff.field.issuer.full_name": ("Tên đầy đủ của cơ quan", "Issuer's full name"),
    "diff.field.issuer.short_name": ("Tên gọi ngắn của cơ quan", "Issuer's short name"),
    "diff.field.issuer.drafting_unit": ("Đơn vị soạn thảo", "Drafting unit"),
    "diff.field.signer.lines": ("Thẩm quyền, chức vụ người ký", "Signer's title"),
    "diff.field.signer.name": ("Người ký", "Signer"),
    "diff.field.page.margins.top": ("Lề trên (mm)", "Top margin (mm)"),
    "diff.field.page.margins.bottom": ("Lề dưới (mm)", "Bottom margin (mm)"),
    "diff.field.page.margins.left": ("Lề trái (mm)", "Left margin (mm)"),
    "diff.field.page.margins.right": ("Lề phải (mm)", "Right margin (mm)"),
    "diff.field.page.font_size": ("Cỡ chữ", "Font size"),
    "diff.field.key": ("mã", "id"),
    "diff.field.name": ("tên", "name"),
    "diff.field.start": ("bắt đầu", "starts"),
    "diff.field.end": ("kết thúc", "ends"),
    "diff.field.connector": ("từ nối", "connector"),
    "diff.field.description": ("mô tả", "description"),
    "diff.field.relation": ("hình thức", "relation"),
    "diff.field.title": ("tên mục", "title"),
    "diff.field.show": ("danh sách hiển thị", "list shown"),
    "diff.field.deadline": ("Thời hạn", "Deadline"),
    "diff.field.phase": ("Đợt", "Phase"),
    "diff.field.with": ("Phối hợp", "Partners"),
    "diff.field.report": ("Báo cáo", "Reporting"),
    "diff.field.lead": ("Chủ trì", "Lead"),
    "diff.field.note": ("Ghi chú", "Note"),
    "diff.field.in_sentence": ("tên trong câu", "name in a sentence"),
    "diff.field.letters": ("công văn", "letters"),
    "diff.letters.yes": ("gửi công văn", "sent letters"),
    "diff.letters.no": ("không gửi công văn", "no letters"),
    "diff.phase.added": ("Thêm đợt", "New phase"),
    "diff.phase.removed": ("Bỏ đợt", "Phase removed"),
    "diff.phase.renamed": ("Đổi tên đợt", "Phase renamed"),
    "diff.unit.added": ("Thêm đơn vị", "New unit"),
    "diff.unit.removed": ("Bỏ đơn vị", "Unit removed"),
    "diff.unit.renamed": ("Đổi tên đơn vị", "Unit renamed"),
    "diff.unit.reordered": ("đổi thứ tự nhiệm vụ", "tasks reordered"),
    "diff.task.added": ("Thêm nhiệm vụ", "New task"),
    "diff.task.removed": ("Bỏ nhiệm vụ", "Task removed"),
    "diff.task.reworded": ("Sửa nội dung", "Reworded"),
    "diff.task.moved": ("Chuyển từ {old} sang {new}", "Moved from {old} to {new}"),
    "diff.task.number": ("nhiệm vụ {n}", "task {n}"),
    "diff.bullet.added": ("Thêm ý", "New sub-item"),
    "diff.bullet.removed": ("Bỏ ý", "Sub-item removed"),
    "diff.bullet.reworded": ("Sửa ý", "Sub-item reworded"),
    "diff.key_task.added": ("Thêm nhiệm vụ trọng tâm", "New key task"),
    "diff.key_task.removed": ("Bỏ nhiệm vụ trọng tâm", "Key task removed"),
    "diff.key_task.number": ("dòng {n}", "row {n}"),
    "diff.paragraph.number": ("đoạn {n}", "paragraph {n}"),
    "diff.text.added": ("Thêm", "Added"),
    "diff.text.removed": ("Bỏ", "Removed"),
    "diff.text.reworded": ("Sửa", "Reworded"),
    "diff.section.added": ("Thêm mục", "New section"),
    "diff.section.removed": ("Bỏ mục", "Section removed"),
    "diff.section.renamed": ("Đổi tên mục", "Section renamed"),
    "diff.content.changed": ("sửa nội dung", "content changed"),
    "diff.content.reworded": ("{n} đoạn sửa", "{n} reworded"),
    "diff.content.added": ("{n} đoạn thêm", "{n} added"),
    "diff.content.removed": ("{n} đoạn bỏ", "{n} removed"),
    "diff.content.layout": ("đổi cách trình bày", "layout changed"),
    "diff.order.changed": ("Đổi thứ tự", "Order changed"),
    "diff.order.phases": ("các đợt", "phases"),
    "diff.order.units": ("các đơn vị", "units"),
    "diff.order.sections": ("các mục", "sections"),
    "diff.order.key_tasks": ("nhiệm vụ trọng tâm", "key tasks"),
    "diff.order.slogans": ("khẩu hiệu", "slogans"),
    "diff.order.recipients": ("nơi nhận", "recipients"),
    "diff.notice.subject": ("V/v điều chỉnh {plan}", "Re: changes to {plan}"),
    # change notices (công văn điều chỉnh)
    "notice.opening": (
        "Thực hiện {plan} về {subject}, {issuer} điều chỉnh một số nội dung liên quan đến {unit} như sau:",
        "Further to {plan} on {subject}, {issuer} amends the following for {unit}:",
    ),
    "notice.group.added": ("Bổ sung nhiệm vụ", "Tasks added"),
    "notice.group.removed": ("Không còn thực hiện", "Tasks removed"),
    "notice.group.reworded": ("Sửa nội dung nhiệm vụ", "Tasks reworded"),
    "notice.group.times": ("Điều chỉnh thời gian", "Times changed"),
    "notice.group.general": ("Thông tin chung của Kế hoạch", "General information of the plan"),
    "notice.group.body": ("Nhiệm vụ trong nội dung Kế hoạch", "Tasks in the body of the plan"),
    "notice.body.added": ("Bổ sung: {text}", "Added: {text}"),
    "notice.body.removed": ("Không còn thực hiện: {text}", "No longer: {text}"),
    "notice.body.changed": ("Nay là: {text}", "Now reads: {text}"),
    "notice.moved_from": ("chuyển từ {unit}", "moved from {unit}"),
    "notice.moved_to": ("chuyển sang {unit}", "moved to {unit}"),
    "notice.reworded": ("Nhiệm vụ {n} nay là:", "Task {n} now reads:"),
    "notice.deadline": (
        "{text}: điều chỉnh thời hạn từ {old} thành {new}.",
        "{text}: the time is changed from {old} to {new}.",
    ),
    "notice.deadline_set": ("{text}: bổ sung thời hạn {new}.", "{text}: the time is now {new}."),
    "notice.deadline_cleared": ("{text}: bỏ thời hạn {old}.", "{text}: the time {old} no longer applies."),
    "notice.phase": (
        "{name}: điều chỉnh {what} từ {old} thành {new}.",
        "{name}: {what} is changed from {old} to {new}.",
    ),
    "notice.phase_set": ("{name}: bổ sung {what} là {new}.", "{name}: {what} is now {new}."),
    "notice.phase_cleared": ("{name}: bỏ {what} ({old}).", "{name}: {what} ({old}) no longer applies."),
    "notice.field": ("{what}: điều chỉnh từ {old} thành {new}.", "{what}: changed from {old} to {new}."),
    "notice.field_set": ("{what}: bổ sung {new}.", "{what}: now {new}."),
    "notice.field_cleared": ("{what}: bỏ {old}.", "{what}: {old} no longer applies."),
    "notice.date": ("ngày {date}", "{date}"),
    "notice.quoted": ("“{text}”", "“{text}”"),
    "notice.what.start": ("thời gian bắt đầu", "the start"),
    "notice.what.end": ("thời gian kết thúc", "the end"),
    "notice.what.name": ("tên", "the name"),
    "notice.what.connector": ("cách ghi khoảng thời gian", "the wording of the dates"),
    "notice.what.description": ("phần mô tả", "the description"),
    "notice.what.report": ("Báo cáo", "Reporting"),
    "notice.what.task_report": ("Báo cáo của nhiệm vụ {n}", "Reporting on task {n}"),
    "notice.what.unit.name": ("Tên đơn vị", "Unit name"),
    "notice.what.unit.relation": ("Hình thức (giao hoặc đề nghị)", "Relation (assigned or requested)"),
    "notice.closing.assign": (
        "Các nội dung khác giữ nguyên theo Kế hoạch số {symbol}. Yêu cầu {unit} triển khai thực hiện"
        " theo nội dung điều chỉnh./.",
        "Everything else stays as in plan {symbol}. {unit} is to carry out the amended tasks./.",
    ),
    "notice.closing.request": (
        "Các nội dung khác giữ nguyên theo Kế hoạch số {symbol}. Đề nghị {unit} quan tâm phối hợp thực hiện"
        " theo nội dung điều chỉnh./.",
        "Everything else stays as in plan {symbol}. {unit} is kindly asked to take part as amended./.",
    ),
    # calendars (.ics)
    "calendar.skip_phase_event": (
        "Bỏ qua {phase}: chưa có ngày dự kiến của «{event}».",
        "Skipped {phase}: no expected date for “{event}”.",
    ),
    "calendar.skip_phase_undated": (
        "Bỏ qua {phase}: «{text}» không phải là một ngày cụ thể.",
        "Skipped {phase}: “{text}” is not a definite date.",
    ),
    "calendar.skip_phase_no_end": ("Bỏ qua {phase}: không có thời điểm kết thúc.", "Skipped {phase}: it has no end."),
    "calendar.skip_phase_order": (
        "Bỏ qua {phase}: ngày bắt đầu ({first}) sau ngày kết thúc ({last}).",
        "Skipped {phase}: it starts ({first}) after it ends ({last}).",
    ),
    "calendar.skip_task": (
        "Bỏ qua nhiệm vụ {number} của {unit}: thời hạn «{when}» không có ngày cụ thể.",
        "Skipped task {number} of {unit}: its time “{when}” has no definite date.",
    ),
    "calendar.unknown_unit": ("Kế hoạch không có đơn vị «{unit}».", "The plan has no unit “{unit}”."),
    "calendar.phase_summary": ("{name}: {span}", "{name}: {span}"),
    "calendar.dates": ("Từ {first} đến {last}", "{first} to {last}"),
    "calendar.task_summary": ("Hạn: {words}", "Due: {words}"),
    "calendar.report_summary": ("Báo cáo {words}", "Report: {words}"),
    "calendar.unit_summary": ("{unit} – {summary}", "{unit} – {summary}"),
    "calendar.when": ("Thời hạn: {when}", "Time: {when}"),
    "calendar.unit": ("Đơn vị: {unit}", "Unit: {unit}"),
    "calendar.partners": ("Phối hợp: {partners}", "With: {partners}"),
    "calendar.reference": ("Theo {reference}.", "Under {reference}."),
    "calendar.alarm": ("Còn {days} ngày đến hạn: {words}", "{days} days to the deadline: {words}"),
    "calendar.name": ("{document} – {owner}", "{document} – {owner}"),
    "calendar.numbered": ("{type} số {symbol}", "{type} số {symbol}"),
    "calendar.draft": ("Dự thảo {type} năm {year}", "Draft {type} ({year})"),
    # rendering and the CLI
    "plan.invalid": (
        "Kế hoạch có {count} lỗi; chưa ghi tệp nào.",
        "The plan has {count} problem(s); nothing was written.",
    ),
    "plan.valid": ("Kế hoạch hợp lệ.", "The plan is valid."),
    "template.missing": (
        "Không có mẫu '{name}' (tìm trong: {searched}).",
        "No template '{name}' (looked in: {searched}).",
    ),
    "template.unreadable": (
        "Không mở được mẫu '{name}': đây không phải tệp Word .docx ({detail}).",
        "Cannot open template '{name}': not a Word .docx file ({detail}).",
    ),
    "template.undefined": (
        "Mẫu '{name}' dùng biến không có: {tags}.",
        "Template '{name}' uses variables that do not exist: {tags}.",
    ),
    "templates.ok": ("Mẫu {name}: không có lỗi.", "Template {name}: no problem."),
    "templates.exported": ("Đã chép mẫu {name} vào {target}.", "Copied template {name} to {target}."),
    "templates.kept": ("Đã có {target}; giữ nguyên.", "{target} already exists; left as it is."),
    "template.error": ("Mẫu '{name}' có lỗi: {detail}.", "Template '{name}' is broken: {detail}."),
    "template.error_at": (
        "Mẫu '{name}' có lỗi tại {place} “{text}”: {detail}.",
        "Template '{name}' is broken at {place} “{text}”: {detail}.",
    ),
    "template.undefined_at": (
        "Mẫu '{name}' dùng biến không có: {tags} (tại {place} “{text}”).",
        "Template '{name}' uses variables that do not exist: {tags} (at {place} “{text}”).",
    ),
    "template.forbidden_tag": (
        "Mẫu '{name}' dùng thẻ {tag} tại {place} “{text}”: mẫu không được chèn, nhập hay kế thừa tệp khác.",
        "Template '{name}' uses the tag {tag} at {place} “{text}”: a template may not include, import or extend"
        " other files.",
    ),
    "template.too_big": (
        "Mẫu '{name}' tạo một dãy, chuỗi hoặc số quá lớn tại {place} “{text}”.",
        "Template '{name}' makes a range, text or number too large at {place} “{text}”.",
    ),
    "template.bad_xml": (
        "Mẫu '{name}' bị hỏng: phần {part} không phải XML hợp lệ (dòng {line}, cột {column}: {detail}).",
        "Template '{name}' is damaged: its part {part} is not well-formed XML"
        " (line {line}, column {column}: {detail}).",
    ),
    "template.unbalanced": (
        "Mẫu '{name}': thẻ {tag} tại {place} “{text}” mở ở trong một phần tử (ô bảng, đoạn…) nhưng {end} lại ở"
        " ngoài phần tử đó; văn bản điền ra sẽ hỏng.",
        "Template '{name}': the tag {tag} at {place} “{text}” opens inside one element (a table cell, a paragraph…)"
        " but its {end} lies outside it; the filled document would be broken.",
    ),
    "template.bad_output": (
        "Mẫu '{name}': sau khi điền, phần {part} không còn là XML hợp lệ ({detail}).",
        "Template '{name}': once filled in, its part {part} is no longer well-formed XML ({detail}).",
    ),
    "template.not_utf8": (
        "Mẫu '{name}' không phải văn bản UTF-8 (byte {position}).",
        "Template '{name}' is not UTF-8 text (byte {position}).",
    ),
    "init.kept": ("Đã có {path}; giữ nguyên.", "{path} already exists; left as it is."),
    "files.not_a_folder": (
        "Không ghi được {path}: '{folder}' là một tệp, không phải thư mục.",
        "Cannot write {path}: '{folder}' is a file, not a folder.",
    ),
    "files.no_permission": ("Không có quyền ghi {path}.", "No permission to write {path}."),
    "files.cannot_write": ("Không ghi được {path}: {detail}.", "Cannot write {path}: {detail}."),
    "render.written": ("Đã ghi {count} tệp vào {out}.", "Wrote {count} file(s) to {out}."),
    "render.summary.folder": ("Thư mục", "Folder"),
    "render.summary.kind": ("Loại tệp", "Kind"),
    "render.summary.files": ("Số tệp", "Files"),
    "render.summary.size": ("Dung lượng", "Size"),
    "render.summary.total": ("Tổng cộng", "Total"),
    "render.summary_time": ("Thời gian: {seconds} giây.", "Time taken: {seconds} s."),
    "render.summary_list": (
        "Danh sách từng tệp có trong {manifest}; thêm --verbose (-v) để in ra đây.",
        "Every file is listed in {manifest}; add --verbose (-v) to print the list here.",
    ),
    "unit.unknown": (
        "Kế hoạch không có đơn vị '{id}'. Các đơn vị: {known}.",
        "The plan has no unit '{id}'. Units: {known}.",
    ),
    "render.unknown_kind": (
        "{option}: không có loại văn bản '{name}'. Các loại: {known}.",
        "{option}: there is no kind of document '{name}'. Kinds: {known}.",
    ),
    "out.hand_edited": (
        "Không ghi đè {count} tệp đã bị sửa tay (hoặc không do kehoach tạo): {files}.",
        "Not overwriting {count} file(s) changed by hand (or not written by kehoach): {files}.",
    ),
    "write.outside": (
        "Tên tệp '{name}' nằm ngoài thư mục đầu ra.",
        "File name '{name}' lies outside the output folder.",
    ),
    "render.unchanged": (
        "{count} tệp không đổi, giữ nguyên.",
        "{count} file(s) unchanged, left as they were.",
    ),
    "render.backup": (
        "Đã lưu bản sửa tay {name} thành {backup}.",
        "Kept the hand-edited {name} as {backup}.",
    ),
    "render.stale": (
        "Tệp cũ, kế hoạch không còn tạo ra: {name} (xóa bằng --prune).",
        "Old file the plan no longer makes: {name} (remove it with --prune).",
    ),
    "render.pruned": ("Đã xóa tệp cũ {name}.", "Removed the old file {name}."),
    "render.pdf_removed": (
        "Đã xóa {name} vì văn bản DOCX của nó đã thay đổi (tạo lại bằng --pdf).",
        "Removed {name}: its DOCX changed (make it again with --pdf).",
    ),
    "import.exists": (
        "Đã có {path}; không ghi đè (thêm --force để ghi đè).",
        "{path} already exists; not overwritten (add --force to replace it).",
    ),
    "import.not_a_file": (
        "{path} không phải một tệp thường; không ghi vào đó (dùng -o - để in ra màn hình).",
        "{path} is not a regular file; nothing written there (use -o - to print the plan).",
    ),
    "import.missing": ("Không tìm thấy tệp {path}.", "File {path} not found."),
    "import.unknown_kind": (
        "{path}: chỉ nhập được tệp {kinds}.",
        "{path}: only {kinds} files can be imported.",
    ),
    "import.too_large": ("{path} quá lớn để là một kế hoạch.", "{path} is too large to be a plan."),
    "import.not_utf8": ("{path} không phải văn bản UTF-8.", "{path} is not UTF-8 text."),
    "import.not_a_plan": (
        "{path}: không nhận ra kế hoạch (không thấy tên loại văn bản như “KẾ HOẠCH” hoặc không thấy mục “I.”).",
        "{path}: no plan recognised (no document type such as “KẾ HOẠCH”, or no section “I.”).",
    ),
    "import.scanned_pdf": (
        "{path} là bản quét, không có lớp chữ: không đọc được nội dung.",
        "{path} is a scan with no text layer: its text cannot be read.",
    ),
    "import.not_pdf": ("{path} không phải tệp PDF (hoặc tệp đã hỏng).", "{path} is not a PDF (or it is damaged)."),
    "import.invalid": (
        "{path}: kế hoạch nhận ra được chưa hợp lệ ({detail}); không ghi tệp.",
        "{path}: the plan recognised is not valid ({detail}); nothing written.",
    ),
    "import.head": ("Nhập bằng kehoach import từ {source}.", "Imported by kehoach import from {source}."),
    "import.head_notes": (
        "Số thứ tự mục, khoản, điểm và đợt không ghi ở đây: kehoach tự đánh số.\n"
        'Các dòng chú thích "# …" đánh dấu chỗ công cụ chưa chắc chắn, kèm dòng/đoạn của bản gốc: hãy kiểm tra.',
        "Numbers of sections, items and phases are not written here: kehoach numbers them.\n"
        'Comment lines "# …" mark what the importer is unsure of, with the source\'s line or paragraph: check them.',
    ),
    "import.slip": (
        "{where}: số thứ tự “{shown}” lẽ ra là “{right}” (kehoach tự đánh số lại).",
        "{where}: number “{shown}” should be “{right}” (kehoach renumbers).",
    ),
    "import.from_letters": (
        "Mã đơn vị, đơn vị phối hợp, đợt và thời hạn của nhiệm vụ lấy từ các công văn giao việc trong {folder}/.",
        "Unit ids, partners, phases and deadlines of tasks taken from the assignment letters in {folder}/.",
    ),
    "import.from_notices": (
        "Cột nơi nhận của lịch và nội dung thông báo lấy từ các thông báo trong {folder}/.",
        "The schedule's addressee column and its notice taken from the notices in {folder}/.",
    ),
    "import.note.undashed_task": (
        "{where}: đoạn không có gạch đầu dòng, coi là một nhiệm vụ.",
        "{where}: a paragraph without a dash, read as a task.",
    ),
    "import.note.lost_number": (
        "{where}: đề mục không có số (số tự động của Word mất khi trích xuất?), coi là một khoản.",
        "{where}: a heading without a number (a Word list number lost in extraction?), read as a khoản.",
    ),
    "import.note.repaired": (
        "Bản gốc ghi như vậy nhưng kehoach không nhận ({reason}): giữ nguyên chữ, cần xem lại.",
        "The source says so but kehoach refuses it ({reason}): kept as words, check it.",
    ),
    "import.note.dropped": (
        "Phần thứ {number} của danh sách dưới đây bị bỏ vì kehoach không nhận ({reason}): xem lại bản gốc.",
        "Part {number} of the list below was left out as kehoach refuses it ({reason}): check the source.",
    ),
    "import.note.phase_time": (
        "{where}: không đọc được thời gian của đợt, ghi nguyên văn.",
        "{where}: the phase's time could not be read; kept as written.",
    ),
    "import.note.lost_dash": (
        "{where}: đoạn giữa hai gạch đầu dòng, coi là gạch đầu dòng (bản gốc mất dấu “-”?).",
        "{where}: a paragraph between two dashed lines, read as one (its dash lost?).",
    ),
    "import.note.issuer": (
        "Không đọc được tên cơ quan ở tiêu đề: dựng lại từ nội dung, cần kiểm tra.",
        "The issuing body could not be read in the header: rebuilt from the text, check it.",
    ),
    "import.note.signer": ("Không đọc được người ký: cần điền tên.", "The signer could not be read: fill in the name."),
    "import.note.place_date": (
        "Không đọc được địa danh, ngày tháng ở tiêu đề: cần điền.",
        "The place and date could not be read in the header: fill them in.",
    ),
    "import.note.partners": (
        "Đơn vị phối hợp (with) suy ra từ câu chữ của nhiệm vụ: cần kiểm tra.",
        "Partners (with) inferred from the task's wording: check them.",
    ),
    "import.written": ("Đã ghi {path}.", "Wrote {path}."),
    "import.found": (
        "Nhận ra: {sections} mục, {phases} đợt, {units} đơn vị với {tasks} nhiệm vụ, {appendices} phụ lục.",
        "Found: {sections} sections, {phases} phases, {units} units with {tasks} tasks, {appendices} appendices.",
    ),
    "import.free": (
        "Để nguyên là đoạn văn: {free} đoạn; chỗ chưa chắc chắn (có chú thích trong tệp): {uncertain}.",
        "Left as running text: {free} paragraphs; parts marked uncertain (commented in the file): {uncertain}.",
    ),
    "import.warnings": ("Lưu ý về bản gốc:", "Notes on the source:"),
    "import.next": (
        "Tiếp theo: kehoach validate {path}, kehoach lint {path}, kehoach render {path}.",
        "Next: kehoach validate {path}, kehoach lint {path}, kehoach render {path}.",
    ),
    "help.import": (
        "Nhập kế hoạch có sẵn (DOCX, PDF, văn bản) thành plan.yaml.",
        "Import an existing plan (DOCX, PDF, text) into plan.yaml.",
    ),
    "help.opt.import_source": ("Tệp .docx, .pdf hoặc .txt của kế hoạch.", "The plan's .docx, .pdf or .txt file."),
    "help.opt.import_output": (
        'Tệp plan.yaml sẽ ghi ("-": in ra màn hình).',
        'The plan.yaml to write ("-": print it).',
    ),
    "help.opt.import_force": ("Ghi đè tệp đã có.", "Replace an existing file."),
    "init.exists": ("Đã có {path}; không ghi đè.", "{path} already exists; not overwritten."),
    "init.profile": (
        "Không có thể thức '{profile}'; dùng một trong: {known}.",
        "There is no profile '{profile}'; use one of: {known}.",
    ),
    "init.written": ("Đã tạo {path}.", "Wrote {path}."),
    "init.next": (
        "Tiếp theo: sửa plan.yaml, rồi chạy: kehoach validate, kehoach render.",
        "Next: edit plan.yaml, then run: kehoach validate, kehoach render.",
    ),
    "redline.missing": (
        "Cần gói python-redlines để tạo bản có theo dõi thay đổi.",
        "Writing a tracked-changes copy needs the python-redlines package.",
    ),
    "redline.written": ("Đã ghi bản có theo dõi thay đổi: {path}.", "Wrote the tracked-changes copy: {path}."),
    "diff.affected": (
        "Đơn vị có công văn, bảng theo dõi thay đổi: {units}.",
        "Units whose letters and checklists change: {units}.",
    ),
    "diff.compared": ("So sánh {old} với {new}.", "Comparing {old} with {new}."),
    "pdf.no_libreoffice": (
        "Không tìm thấy LibreOffice nên chưa tạo được PDF; các tệp DOCX vẫn đã được ghi.",
        "LibreOffice was not found, so no PDF was made; the DOCX files were written.",
    ),
    "pdf.failed": (
        "LibreOffice không chuyển được sang PDF: {detail}.",
        "LibreOffice could not convert to PDF: {detail}.",
    ),
    "print.written": ("Đã ghi tệp in: {path}.", "Wrote the print pack: {path}."),
    "watch.start": (
        "Đang theo dõi {plan} và thư mục templates/ (Ctrl-C để dừng).",
        "Watching {plan} and templates/ (Ctrl-C to stop).",
    ),
    "calendar.written": ("Đã ghi lịch {path}.", "Wrote the calendar {path}."),
    "calendar.unchanged": ("Lịch {path} không đổi, giữ nguyên.", "The calendar {path} is unchanged, left as it was."),
    "watch.stopped": ("Đã dừng theo dõi.", "Stopped watching."),
    "interrupted": ("Đã dừng.", "Stopped."),
    "internal.no_log": ("(không ghi được nhật ký)", "(the log could not be written)"),
    "file.os_error": ("Không đọc hoặc ghi được {path}: {reason}.", "Cannot read or write {path}: {reason}."),
    # why the system refused a file (errno names)
    "os.ENOENT": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "os.ENOTDIR": ("một phần của đường dẫn không phải thư mục", "a part of the path is not a folder"),
    "os.EISDIR": ("đây là một thư mục", "it is a folder"),
    "os.EEXIST": ("đã có tệp hoặc thư mục trùng tên", "a file or folder of that name exists"),
    "os.EACCES": ("không có quyền", "permission denied"),
    "os.EPERM": ("không có quyền", "permission denied"),
    "os.ENAMETOOLONG": ("tên tệp quá dài so với hệ thống tệp", "the name is too long for the file system"),
    "os.ELOOP": ("liên kết tượng trưng trỏ vòng về chính nó", "symbolic links point round in a loop"),
    "os.ENOSPC": ("ổ đĩa đã đầy", "the disk is full"),
    "os.EROFS": ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
    # progress, status, report (issue 15)
    "progress.not_docx": (
        "Không phải tệp Word .docx (hoặc tệp đã hỏng); bỏ qua tệp này.",
        "Not a Word .docx file (or it is damaged); skipped.",
    ),
    "progress.no_table": (
        "Tệp không có bảng theo dõi (cột «Nhiệm vụ» và «Hoàn thành»); bỏ qua tệp này.",
        "The file has no checklist table (columns “Nhiệm vụ” and “Hoàn thành”); skipped.",
    ),
    "progress.unknown_sheet_unit": (
        "Không rõ đây là bảng theo dõi của đơn vị nào; bỏ qua tệp này.",
        "Cannot tell which unit this checklist belongs to; skipped.",
    ),
    "progress.unmatched_row": (
        "Hàng {row} (STT {number}): không tìm thấy nhiệm vụ «{task}» trong kế hoạch; bỏ qua hàng này.",
        "Row {row} (No. {number}): the task “{task}” is not in the plan; row skipped.",
    ),
    "progress.wrong_unit": (
        "Hàng {row} (STT {number}): nhiệm vụ này giao cho {owner}, không phải {unit}; bỏ qua hàng này.",
        "Row {row} (No. {number}): this task is {owner}'s, not {unit}'s; row skipped.",
    ),
    "progress.backwards": (
        "Hàng {row} (STT {number}): trạng thái lùi từ {before} về {after} so với lần báo cáo trước.",
        "Row {row} (No. {number}): the status goes back from {before} to {after} since the last report.",
    ),
    "progress.unknown_mark": (
        "Hàng {row} (STT {number}): không hiểu «{mark}» ở cột Hoàn thành; ghi là chưa thực hiện.",
        "Row {row} (No. {number}): “{mark}” in the Hoàn thành column is not understood; recorded as not started.",
    ),
    "progress.unknown_unit": (
        "Kế hoạch không có đơn vị «{unit}»; bỏ qua các báo cáo của đơn vị này.",
        "The plan has no unit “{unit}”; its reports are left out.",
    ),
    "progress.unknown_task": (
        "Đơn vị «{unit}» không có nhiệm vụ «{key}» trong kế hoạch; bỏ qua báo cáo này.",
        "Unit “{unit}” has no task “{key}” in the plan; this report is left out.",
    ),
    "progress.collected": (
        "Đã ghi {count} hàng từ {files} tệp vào {path}.",
        "Recorded {count} rows from {files} files in {path}.",
    ),
    "progress.unchanged": (
        "{path} không thay đổi ({count} hàng đã đọc từ {files} tệp).",
        "{path} is unchanged ({count} rows read from {files} files).",
    ),
    "remind.none": (
        "Không đơn vị nào có nhiệm vụ quá hạn hoặc chưa báo cáo: không cần công văn đôn đốc.",
        "No unit has tasks overdue or unreported: no reminder needed.",
    ),
    "help.remind": (
        "Công văn đôn đốc cho từng đơn vị có nhiệm vụ quá hạn hoặc chưa báo cáo.",
        "A reminder (công văn đôn đốc) for each unit with overdue or unreported tasks.",
    ),
    "progress.diff.none": (
        "Không có báo cáo nào thay đổi giữa {old} và {new}.",
        "No report changed between {old} and {new}.",
    ),
    "progress.diff.added": (
        "{unit}, STT {number}: báo cáo {after}{result}",
        "{unit}, No. {number}: reported {after}{result}",
    ),
    "progress.diff.changed": (
        "{unit}, STT {number}: {before} → {after}{result}",
        "{unit}, No. {number}: {before} → {after}{result}",
    ),
    "progress.diff.removed": (
        "{unit}, STT {number}: bỏ báo cáo ({before})",
        "{unit}, No. {number}: report removed ({before})",
    ),
    "help.progress_diff": (
        "Những gì đơn vị đã báo cáo giữa hai phiên bản progress.yaml (mặc định HEAD và tệp đang có).",
        "What was reported between two versions of progress.yaml (default HEAD and the working file).",
    ),
    "help.opt.progress_json": ("In dạng JSON.", "Print as JSON."),
    "status.dashboard": ("Đã ghi trang tiến độ vào {path}.", "Progress page written to {path}."),
    "help.opt.dashboard": (
        "Ghi thêm trang web tiến độ (thanh tiến độ, nhiệm vụ quá hạn; mở được không cần mạng) vào tệp này.",
        "Also write the progress page (bars, overdue tasks; works offline) to this file.",
    ),
    "report.written": ("Đã ghi báo cáo vào {path}.", "Report written to {path}."),
    "status.done": ("hoàn thành", "done"),
    "status.in_progress": ("đang thực hiện", "in progress"),
    "status.not_started": ("chưa thực hiện", "not started"),
    "status.overdue": ("quá hạn", "overdue"),
    "status.as_of": ("Tiến độ {plan} đến ngày {date}", "Progress of {plan} as of {date}"),
    "status.total": ("Tổng", "Total"),
    "status.unit": ("Đơn vị", "Unit"),
    "status.phase": ("Đợt", "Phase"),
    "status.tasks": ("Nhiệm vụ", "Tasks"),
    "status.counts": (
        "{total} nhiệm vụ: {done} hoàn thành, {in_progress} đang thực hiện, {not_started} chưa thực hiện, "
        "{overdue} quá hạn",
        "{total} tasks: {done} done, {in_progress} in progress, {not_started} not started, {overdue} overdue",
    ),
    "status.overdue_task": ("Quá hạn: {number}. {text} (hạn {due})", "Overdue: {number}. {text} (due {due})"),
    "status.no_unit": ("Kế hoạch không có đơn vị «{unit}».", "The plan has no unit “{unit}”."),
    "status.bad_format": (
        "Định dạng «{format}» không có; dùng text, markdown hoặc json.",
        "There is no format “{format}”; use text, markdown or json.",
    ),
    "help.progress": ("Tiến độ: đọc lại bảng theo dõi đơn vị gửi về.", "Progress: read back returned checklists."),
    "help.progress_collect": (
        "Đọc các bảng theo dõi (DOCX) đơn vị gửi lại, ghi vào progress.yaml cạnh kế hoạch.",
        "Read returned checklists (DOCX) into progress.yaml beside the plan.",
    ),
    "help.status": (
        "Tiến độ theo đơn vị và theo đợt: hoàn thành, đang làm, chưa làm, quá hạn.",
        "Progress per unit and per phase: done, in progress, not started, overdue.",
    ),
    "help.report": (
        "Báo cáo kết quả thực hiện Kế hoạch (DOCX) từ progress.yaml.",
        "The results report (DOCX) from progress.yaml.",
    ),
    "help.opt.progress_files": ("Các bảng theo dõi (.docx) đơn vị gửi lại.", "Returned checklists (.docx)."),
    "help.opt.report_date": (
        "Ngày báo cáo (YYYY-MM-DD; mặc định: ngày lưu ghi trong tệp DOCX).",
        "Date reported (YYYY-MM-DD; default: the date saved in the DOCX).",
    ),
    "help.opt.as_of": ("Tính đến ngày (YYYY-MM-DD; mặc định hôm nay).", "As of this date (YYYY-MM-DD; default today)."),
    "help.opt.status_unit": ("Chỉ một đơn vị (mã đơn vị).", "Only one unit (its id)."),
    "help.opt.report_file": (
        "Tệp báo cáo (mặc định: out/bao-cao-<số kế hoạch>.docx).",
        "The report file (default: out/bao-cao-<plan number>.docx).",
    ),
    "help.opt.by": ("Chia phần theo unit (đơn vị) hoặc phase (đợt).", "Sections by unit or by phase."),
    # --help of the commands and their options
    "help.app": (
        "kehoach: soạn Kế hoạch một lần trong plan.yaml, xuất văn bản DOCX đúng Nghị định 30.",
        "kehoach: write a plan once in plan.yaml, render Decree-30 DOCX documents.",
    ),
    "help.validate": ("Kiểm tra plan.yaml; không ghi tệp nào.", "Check plan.yaml; writes nothing."),
    "help.render": ("Xuất văn bản DOCX vào out/.", "Render the DOCX documents into out/."),
    "help.units": ("Liệt kê các đơn vị và số nhiệm vụ.", "List the units and their task counts."),
    "help.checklist": ("In bảng theo dõi nhiệm vụ của một đơn vị.", "Print one unit's checklist."),
    "help.lint": ("Soát lỗi chính tả, trình bày.", "Review spelling and presentation."),
    "help.diff": (
        "So sánh hai phiên bản kế hoạch theo nội dung.",
        "Compare two revisions of the plan by meaning.",
    ),
    "help.notify": (
        "Công văn điều chỉnh cho từng đơn vị bị ảnh hưởng.",
        "Change notices for the units a revision affects.",
    ),
    "help.print_pack": (
        "Một tệp PDF để in: các bảng theo dõi, hoặc văn bản của một đơn vị.",
        "One PDF to print: every checklist, or one unit's documents.",
    ),
    "help.watch": (
        "Tự xuất lại mỗi khi lưu plan.yaml hoặc mẫu (Ctrl-C để dừng).",
        "Render again on every save of plan.yaml or a template (Ctrl-C to stop).",
    ),
    "help.calendar": (
        "Lịch iCalendar của các đợt và thời hạn.",
        "An iCalendar file of the phases and deadlines.",
    ),
    "help.textconv": (
        "In chữ của tệp DOCX theo thứ tự đọc (cho git diff).",
        "Print a DOCX's text in reading order (for git diff).",
    ),
    "help.schema": ("In JSON Schema của plan.yaml.", "Print the JSON Schema of plan.yaml."),
    "help.init": ("Tạo plan.yaml mẫu có chú thích.", "Write a commented starter plan.yaml."),
    "help.templates": ("Mẫu văn bản (Word).", "Document templates (Word)."),
    "help.templates_check": (
        "Liệt kê các thẻ trong mẫu mà văn bản không cung cấp.",
        "List template tags the documents do not provide.",
    ),
    "help.templates_export": (
        "Chép các mẫu mặc định ra để sửa.",
        "Copy the default templates out to edit them.",
    ),
    "help.opt.plan": ("Tệp kế hoạch (mặc định plan.yaml).", "The plan file (default plan.yaml)."),
    "help.opt.lang": ("Ngôn ngữ thông báo: vi hoặc en.", "Language of messages: vi or en."),
    "help.opt.limit_scale": (
        "Nhân giới hạn cỡ tệp (40 MB) và số giá trị (500.000) lên N lần, cho kế hoạch rất lớn "
        "(như biến môi trường KEHOACH_LIMIT_SCALE).",
        "Multiply the limits on file size (40 MB) and values (500,000) by N, for a very large plan "
        "(as the KEHOACH_LIMIT_SCALE environment variable does).",
    ),
    "help.opt.version": ("In số phiên bản rồi thoát.", "Print the version and exit."),
    "help.opt.out": ("Thư mục đầu ra.", "Output folder."),
    "help.opt.only": ("Chỉ xuất loại này (lặp lại được).", "Only this kind of document (repeatable)."),
    "help.opt.render_unit": (
        "Chỉ xuất văn bản của đơn vị này (mã đơn vị; lặp lại được).",
        "Only the documents of this unit (its id; repeatable).",
    ),
    "help.opt.force": (
        "Ghi đè cả tệp đã sửa tay (giữ bản .bak).",
        "Overwrite files changed by hand too (a .bak copy is kept).",
    ),
    "help.opt.prune": (
        "Xóa tệp cũ mà kế hoạch không còn tạo ra.",
        "Remove old files the plan no longer makes.",
    ),
    "help.opt.verbose": (
        "In từng tệp đã ghi (khi ghi hơn 40 tệp, mặc định chỉ in bảng tổng hợp).",
        "List every written file (over 40 files, only a summary is printed by default).",
    ),
    "help.opt.changed_since": (
        "Chỉ xuất văn bản thay đổi kể từ phiên bản git này.",
        "Only the documents changed since this git revision.",
    ),
    "help.opt.pdf": (
        "Tạo thêm PDF cạnh mỗi tệp DOCX (cần LibreOffice).",
        "Also a PDF beside every DOCX (needs LibreOffice).",
    ),
    "help.opt.html": ("Tạo thêm trang web của kế hoạch.", "Also the plan as a web page."),
    "help.opt.ics": ("Tạo thêm lịch (.ics) cho từng đơn vị.", "Also a calendar (.ics) for every unit."),
    "help.opt.slogans": ("Tạo thêm trang khẩu hiệu khổ lớn để in.", "Also large slogan pages to print."),
    "help.opt.unit_id": ("Mã đơn vị (xem: kehoach units).", "The unit's id (see: kehoach units)."),
    "help.opt.plan_file": ("Tệp kế hoạch.", "The plan file."),
    "help.opt.strict": ("Coi cảnh báo là lỗi (mã thoát 1).", "Treat warnings as errors (exit code 1)."),
    "help.opt.fix": (
        "Sửa dấu thanh về một kiểu, không đổi gì khác.",
        "Make tone marks uniform; change nothing else.",
    ),
    "help.opt.style": (
        "Kiểu dấu thanh khi sửa: new (hóa, ủy) hoặc old (hoá, uỷ).",
        "Tone-mark style for --fix: new (hóa, ủy) or old (hoá, uỷ).",
    ),
    "help.opt.diff_old": (
        "Bản cũ: tệp hoặc phiên bản git (mặc định HEAD).",
        "Old side: a file or a git revision (default HEAD).",
    ),
    "help.opt.diff_new": (
        "Bản mới: tệp hoặc phiên bản git (mặc định tệp đang sửa).",
        "New side: a file or a git revision (default the working file).",
    ),
    "help.opt.git_plan": ("Tệp kế hoạch trong kho git.", "The plan file in the git repository."),
    "help.opt.format": ("text, markdown hoặc json.", "text, markdown or json."),
    "help.opt.docx": (
        "Ghi văn bản mới có theo dõi thay đổi (Word) vào tệp này.",
        "Write the new plan with Word tracked changes to this file.",
    ),
    "help.opt.notify_old": ("Bản cũ (mặc định HEAD).", "Old revision (default HEAD)."),
    "help.opt.notify_new": ("Bản mới (mặc định tệp đang sửa).", "New revision (default the working file)."),
    "help.opt.pack_unit": ("Công văn và bảng theo dõi của một đơn vị.", "One unit's letter and checklist."),
    "help.opt.calendar_unit": ("Lịch của một đơn vị.", "One unit's calendar."),
    "help.opt.ics_file": (
        "Tệp .ics (mặc định: trong out/, cùng tên với render --ics).",
        "The .ics file (default: in out/, named as render --ics names it).",
    ),
    "help.opt.docx_file": ("Tệp .docx.", "The .docx file."),
    "help.opt.init_profile": (
        "Thể thức: 'nhà nước' (Nghị định 30, mặc định) hoặc 'đảng' (kế hoạch của cấp ủy).",
        "Form: 'nhà nước' (Decree 30, the default) or 'đảng' (a Party committee's plan).",
    ),
    "help.opt.init_folder": (
        "Thư mục (mặc định: thư mục hiện tại).",
        "Folder (default: the current one).",
    ),
    "help.opt.export_folder": ("Thư mục đích.", "Target folder."),
    "internal": (
        "Lỗi nội bộ của kehoach (không phải lỗi của bạn). Chi tiết đã ghi vào {log}.",
        "Internal error in kehoach (not your fault). Details written to {log}.",
    ),
    "out.not_directory": ("'{out}' đã có và không phải thư mục.", "'{out}' exists and is not a folder."),
    "write.failed": (
        "Không ghi được vào {out}: {detail}. Thư mục đầu ra giữ nguyên như trước.",
        "Could not write to {out}: {detail}. The output folder is as it was.",
    ),
    "write.rollback_failed": (
        "Không ghi được vào {out}, và chưa trả lại được như cũ: {detail}. Lần chạy kehoach sau sẽ tự"
        " hoàn tác (các tệp cũ đang nằm trong {staging}).",
        "Could not write to {out}, nor put it back yet: {detail}. The next kehoach run will finish"
        " undoing it (the previous files are in {staging}).",
    ),
    "out.locked": (
        "Một lần chạy kehoach khác (pid {pid}, máy {host}) đang ghi vào {out}; đã chờ {wait} giây."
        " Hãy chạy lại khi lần đó xong.",
        "Another kehoach run (pid {pid}, host {host}) is writing into {out}; waited {wait} s."
        " Run again when it has finished.",
    ),
    "out.symlink": (
        "'{name}' trong {out} là liên kết (symlink) tới {target}; kehoach không ghi, không xóa"
        " và không sao lưu qua liên kết ra ngoài thư mục đầu ra.",
        "'{name}' in {out} is a symbolic link to {target}; kehoach does not write, remove or back up"
        " through a link out of the output folder.",
    ),
    "manifest.untrusted": (
        "Bỏ qua {path} vì tệp hỏng hoặc không hợp lệ ({detail}): các tệp đang có trong thư mục được coi"
        " như không do kehoach ghi, chỉ bị ghi đè khi dùng --force.",
        "Ignoring {path}: it is damaged or not valid ({detail}). The files already in the folder are"
        " treated as not written by kehoach and are overwritten only with --force.",
    ),
    "recover.rolled_back": (
        "Lần ghi trước vào {out} đã bị ngắt giữa chừng; kehoach đã trả {out} về đúng như trước lần ghi đó.",
        "The last write into {out} was cut short; kehoach put {out} back exactly as it was before it.",
    ),
    "recover.completed": (
        "Lần ghi trước vào {out} bị ngắt khi đã ghi xong; kehoach đã dọn phần còn lại ({out} là bản mới).",
        "The last write into {out} was cut short after it had finished; kehoach cleaned up ({out} is new).",
    ),
    "recover.cleaned": (
        "Đã xóa thư mục tạm của một lần chạy bị ngắt trước đó; {out} không bị thay đổi.",
        "Removed the temporary folder of an earlier run that was cut short; {out} was not changed.",
    ),
    "recover.unreadable": (
        "Không đọc được nhật ký ghi trong {staging} ({detail}); kehoach để nguyên thư mục đó.",
        "Cannot read the write journal in {staging} ({detail}); kehoach leaves that folder alone.",
    ),
}

HINTS: _M = {
    "progress.unmatched_row": (
        "Giữ nguyên cột STT và nội dung nhiệm vụ như bảng đã gửi; hoặc ghi kết quả thẳng vào progress.yaml.",
        "Keep the No. column and the task text as sent; or write the result into progress.yaml by hand.",
    ),
    "progress.not_docx": (
        "Mở tệp bằng Word hoặc LibreOffice và lưu lại dạng .docx (Word Document), rồi đọc lại.",
        "Open the file in Word or LibreOffice, save it as .docx (Word Document), and collect it again.",
    ),
    "progress.wrong_unit": (
        "Mỗi đơn vị ghi kết quả vào bảng theo dõi của chính mình (out/checklist/<mã đơn vị>.docx).",
        "Each unit fills in its own checklist (out/checklist/<unit id>.docx).",
    ),
    "progress.backwards": (
        "Kiểm tra lại với đơn vị; đã ghi theo báo cáo mới, sửa progress.yaml nếu cần.",
        "Check with the unit; the new report was recorded, edit progress.yaml if needed.",
    ),
    "progress.unknown_mark": (
        "Đánh dấu ô, hoặc gõ x, HT, Đã xong, Đang thực hiện, Chưa.",
        "Tick the box, or type x, HT, Đã xong, Đang thực hiện, Chưa.",
    ),
    "progress.unknown_sheet_unit": (
        "Dùng bảng theo dõi do kehoach xuất (out/checklist/<mã đơn vị>.docx), hoặc đặt tên tệp theo mã đơn vị.",
        "Use the checklist kehoach rendered (out/checklist/<unit id>.docx), or name the file after the unit id.",
    ),
    "import.not_a_plan": (
        "Kiểm tra tệp có phải một kế hoạch; với PDF quét, hãy nhận dạng chữ (OCR) trước rồi nhập tệp .txt.",
        "Check that the file is a plan; for a scanned PDF, run OCR first and import the .txt.",
    ),
    "import.scanned_pdf": (
        "Nhận dạng chữ (OCR), ví dụ: ocrmypdf -l vie {path} ban-chu.pdf, rồi nhập tệp đó.",
        "Run OCR first, e.g. ocrmypdf -l vie {path} text.pdf, then import that file.",
    ),
    "calendar.skip_phase_event": (
        "Ghi ngày dự kiến cạnh sự kiện để đợt có trong lịch, ví dụ: expected: 2026-01-20",
        "Give the event an expected date to put the phase in calendars, e.g. expected: 2026-01-20",
    ),
    "lint.flow_split": (
        "Đặt cả câu trong dấu ngoặc kép: {suggestion}",
        "Put the whole sentence in double quotes: {suggestion}",
    ),
    "lint.flow_split_names": (
        "Đặt cả tên trong dấu ngoặc kép ({suggestion}), hoặc ghi mã đơn vị (xem: kehoach units).",
        "Put the whole name in double quotes ({suggestion}), or give unit ids (see: kehoach units).",
    ),
    "file.missing": (
        "Chưa có kế hoạch? Tạo một tệp mẫu có chú thích bằng: kehoach init",
        "No plan yet? Write a commented starter plan with: kehoach init",
    ),
    "file.symlink_loop": (
        "Xem lại liên kết (ls -l), hoặc chỉ thẳng đến tệp kế hoạch.",
        "Check the link (ls -l), or give the plan file itself.",
    ),
    "file.name_too_long": ("Đổi tên tệp hoặc thư mục cho ngắn hơn.", "Use a shorter file or folder name."),
    "file.too_large": (
        "Nếu đây thật là một kế hoạch lớn đến vậy, nâng giới hạn: kehoach --limit-scale 2 <lệnh> … "
        "(hoặc biến môi trường KEHOACH_LIMIT_SCALE=2).",
        "If this really is a plan that large, raise the limit: kehoach --limit-scale 2 <command> … "
        "(or the environment variable KEHOACH_LIMIT_SCALE=2).",
    ),
    "yaml.too_many_values": (
        "Nếu kế hoạch thật có nhiều mục đến vậy, nâng giới hạn: kehoach --limit-scale 2 <lệnh> … "
        "(hoặc biến môi trường KEHOACH_LIMIT_SCALE=2).",
        "If the plan really has that many entries, raise the limit: kehoach --limit-scale 2 <command> … "
        "(or the environment variable KEHOACH_LIMIT_SCALE=2).",
    ),
    "yaml.number_too_long": (
        'Nếu đây là chữ, đặt trong dấu ngoặc kép: "…".',
        'If it is text, put it in double quotes: "…".',
    ),
    "number_too_large": (
        "Ghi số văn bản theo sổ đăng ký (ví dụ 15), hoặc bỏ 'number' nếu là dự thảo.",
        "Write the number from the register (e.g. 15), or leave 'number' out for a draft.",
    ),
    "docx.not_docx": (
        "Lệnh này chỉ đọc tệp .docx (Word 2007 trở lên), không đọc .doc.",
        "This command reads .docx files (Word 2007 and later), not .doc.",
    ),
    "yaml.bad_value": (
        "Viết giá trị như chữ bình thường, bỏ thẻ '!!…'.",
        "Write the value as plain text, without a '!!…' tag.",
    ),
    "pdf.no_libreoffice": (
        "Cài LibreOffice — Debian/Ubuntu: sudo apt-get install -y libreoffice-writer-nogui;"
        " Windows: winget install TheDocumentFoundation.LibreOffice (hoặc tải từ libreoffice.org).",
        "Install LibreOffice — Debian/Ubuntu: sudo apt-get install -y libreoffice-writer-nogui;"
        " Windows: winget install TheDocumentFoundation.LibreOffice (or download it from libreoffice.org).",
    ),
    "redline.missing": (
        "Cài bằng: pip install 'kehoach[redline]' (hoặc: pip install 'python-redlines[docxodus]').",
        "Install it with: pip install 'kehoach[redline]' (or: pip install 'python-redlines[docxodus]').",
    ),
    "lint.not_a_syllable": (
        "Kiểm tra lỗi gõ hoặc lỗi nhận dạng chữ (OCR); tên riêng hợp lệ thì bỏ qua.",
        "Check for a typing or OCR slip; ignore it for a proper name.",
    ),
    "lint.mixed_tone_marks": (
        "Chạy 'kehoach lint --fix' để sửa tất cả về một kiểu.",
        "Run 'kehoach lint --fix' to make them uniform.",
    ),
    "lint.citation_differs": ("Sửa cho đúng ký hiệu của văn bản được dẫn.", "Use the cited document's real symbol."),
    "lint.hand_numbered": (
        "Đặt 'id' cho phần đó và viết {{mục:id}} hoặc {{phụ lục:id}}: số sẽ luôn đúng khi đánh số lại.",
        "Give that part an 'id' and write {{mục:id}} or {{phụ lục:id}}: the number stays right after renumbering.",
    ),
    "lint.double_space": ("Xóa bớt một dấu cách.", "Delete one space."),
    "lint.space_before_punctuation": ("Xóa dấu cách đứng trước dấu câu.", "Delete the space before the punctuation."),
    "lint.no_final_mark": ("Thêm './.' vào cuối đoạn 'closing'.", "Add './.' at the end of 'closing'."),
    "lint.unit_not_a_recipient": (
        "Thêm đơn vị (hoặc nhóm như 'Các cơ quan, đơn vị') vào 'recipients'.",
        "Add the unit (or a group such as 'Các cơ quan, đơn vị') to 'recipients'.",
    ),
    "yaml.colon_in_text": (
        'Đặt cả đoạn chữ trong dấu ngoặc kép: "… như sau:".',
        'Put the whole text in double quotes: "… as follows:".',
    ),
    "bad_symbol": (
        "Viết số (ví dụ 15) hoặc số và ký hiệu đầy đủ (15/KH-UBND).",
        "Write the number (15) or the full symbol (15/KH-UBND).",
    ),
    "symbol_form": (
        "Kế hoạch dùng thể thức theo 'profile' (nhà nước: 15/KH-UBND; đảng: 05-KH/ĐU).",
        "The plan's 'profile' sets the form (nhà nước: 15/KH-UBND; đảng: 05-KH/ĐU).",
    ),
    "type_not_in_profile": ("Các tên loại của thể thức này: {types}.", "This profile's types: {types}."),
    "authority_not_in_profile": (
        "Dùng một trong: {allowed}.",
        "Use one of: {allowed}.",
    ),
    "party_committee_deputy": (
        "Viết 'authority: T/M' (hoặc bỏ 'authority'), chức vụ người ký ở 'title' (Phó Bí thư).",
        "Write 'authority: T/M' (or leave 'authority' out), with the signer's position in 'title' (Phó Bí thư).",
    ),
    "symbol_mismatch": (
        "Sửa 'number', hoặc 'document.type' / 'issuer.abbr'.",
        "Fix 'number', or 'document.type' / 'issuer.abbr'.",
    ),
    "phase_overlap": (
        "Các đợt nối tiếp nhau: sửa 'start' của đợt này hoặc 'end' của đợt trước.",
        "Phases follow each other: fix this phase's 'start' or the previous one's 'end'.",
    ),
    "deadline_outside_phase": (
        "Sửa 'deadline' hoặc 'phase' của nhiệm vụ.",
        "Fix the task's 'deadline' or 'phase'.",
    ),
    "template.undefined": (
        "Sửa thẻ trong mẫu (mở bằng Word) hoặc xóa mẫu để dùng mẫu mặc định; xem: kehoach templates check.",
        "Fix the tag in the template (open it in Word) or delete the template to use the default;"
        " see: kehoach templates check.",
    ),
    "template.undefined_at": (
        "Sửa thẻ trong mẫu (mở bằng Word) hoặc xóa mẫu để dùng mẫu mặc định; xem: kehoach templates check.",
        "Fix the tag in the template (open it in Word) or delete the template to use the default;"
        " see: kehoach templates check.",
    ),
    "template.forbidden_tag": (
        "Xóa thẻ đó và đặt thẳng nội dung cần có vào mẫu.",
        "Delete the tag and put the content into the template itself.",
    ),
    "template.too_big": (
        "range() trong mẫu có tối đa {limit} phần tử; hãy lặp trên danh sách của kế hoạch.",
        "A template's range() has at most {limit} items; loop over the plan's lists instead.",
    ),
    "template.bad_xml": (
        "Mở mẫu bằng Word hoặc LibreOffice rồi lưu lại, hoặc xóa mẫu để dùng mẫu mặc định.",
        "Open the template in Word or LibreOffice and save it again, or delete it to use the default.",
    ),
    "template.unbalanced": (
        "Đặt cặp thẻ mở và đóng trong cùng một ô hay đoạn, hoặc dùng {{%p …%}} cho cả đoạn, {{%tr …%}} cho cả"
        " hàng của bảng.",
        "Keep the opening and closing tags in the same cell or paragraph, or use {{%p …%}} for whole paragraphs"
        " and {{%tr …%}} for whole table rows.",
    ),
    "template.bad_output": (
        "Một thẻ mở ở một đoạn hay ô và đóng ở chỗ khác: đặt cặp thẻ mở và đóng cùng chỗ, hoặc dùng {{%p …%}}"
        " cho cả đoạn, {{%tr …%}} cho cả hàng.",
        "A tag opens in one paragraph or cell and closes in another: keep each pair together, or use {{%p …%}}"
        " for whole paragraphs and {{%tr …%}} for whole rows.",
    ),
    "files.not_a_folder": (
        "Chọn thư mục khác, hoặc đổi tên tệp đang chiếm chỗ.",
        "Choose another folder, or rename the file in the way.",
    ),
    "files.no_permission": (
        "Chọn thư mục bạn có quyền ghi (ví dụ trong thư mục cá nhân).",
        "Choose a folder you can write to (in your home folder, for instance).",
    ),
    "out.hand_edited": (
        "Chạy lại với --force để ghi đè (bản sửa tay được giữ thành tệp .bak).",
        "Run again with --force to overwrite (the hand-edited copy is kept as a .bak file).",
    ),
    "out.locked": (
        "Nếu chắc chắn không còn kehoach nào đang chạy, xóa tệp khóa {lock} rồi chạy lại.",
        "If you are sure no kehoach is running, delete the lock file {lock} and run again.",
    ),
    "out.symlink": (
        "Thay liên kết bằng một thư mục thật, hoặc chọn thư mục đầu ra khác bằng -o.",
        "Replace the link with a real folder, or choose another output folder with -o.",
    ),
    "recover.unreadable": (
        "Xem các tệp trong thư mục đó (old/: bản cũ, new/: bản mới), chép lại những gì cần rồi xóa nó.",
        "Look at the files in that folder (old/: previous, new/: new), copy back what you need, then delete it.",
    ),
    "unit.unknown": ("Có phải ý bạn là '{suggestion}'?", "Did you mean '{suggestion}'?"),
    "pdf.failed": (
        "Các tệp DOCX vẫn đã được ghi (PDF cũ của văn bản đã đổi bị xóa, không để PDF cũ hơn DOCX).",
        "The DOCX files were written (the old PDFs of changed documents were removed: no PDF is older than its DOCX).",
    ),
    "extra_forbidden": ("Có phải ý bạn là '{suggestion}'?", "Did you mean '{suggestion}'?"),
    "missing": ("Thêm dòng '{field}: …' vào đây.", "Add a line '{field}: …' here."),
    "impossible_date": ("Kiểm tra lại ngày và tháng.", "Check the day and the month."),
    "bad_id": ("Ví dụ: '{suggestion}'.", "For example: '{suggestion}'."),
    "date_type": (
        "Viết ngày theo dạng năm-tháng-ngày: 2025-08-01.",
        "Write dates as year-month-day: 2025-08-01.",
    ),
    "date_parsing": (
        "Viết ngày theo dạng năm-tháng-ngày: 2025-08-01.",
        "Write dates as year-month-day: 2025-08-01.",
    ),
    "unknown_phase": ("Các đợt có: {known}.", "Known phases: {known}."),
    "unknown_unit": (
        "Các đơn vị có: {known}. Tên đơn vị ngoài kế hoạch thì viết đầy đủ (có dấu cách).",
        "Known units: {known}. Write a unit outside the plan by its full name.",
    ),
    "duplicate_unit_id": ("Đặt cho mỗi đơn vị một mã riêng.", "Give every unit its own id."),
    "reference_unknown": ("Các mã có: {known}.", "Known ids: {known}."),
    "notice_unknown_part": (
        "Các mã dùng được: {known}. 'prepare': mã một mục hay khoản; 'team': mã một đoàn; 'appendix': mã một phụ lục.",
        "Ids that fit: {known}. 'prepare': a section's or item's id; 'team': a team's id; "
        "'appendix': an appendix's id.",
    ),
    "lint.schedule_before_issue": (
        "Kiểm tra năm của ngày này (có thể gõ nhầm năm).",
        "Check the year of this date (a typing slip?).",
    ),
    "lint.report_no_date": (
        "Ghi ngày trong 'when' ('trước ngày 15/6 và 15/12 hằng năm'), hoặc thêm 'dates:' "
        "(ví dụ: ['ngày 15/6 hằng năm', 'ngày 15/12 hằng năm']).",
        "Name the days in 'when' ('trước ngày 15/6 và 15/12 hằng năm'), or add 'dates:' "
        "(e.g. ['ngày 15/6 hằng năm', 'ngày 15/12 hằng năm']).",
    ),
    "lint.no_date": (
        "Ghi ngày, tháng, quý hoặc năm (31/8/2026, tháng 5/2026, quý IV năm 2026), hoặc ngày bắt đầu: "
        "'05 ngày làm việc kể từ ngày 01/3/2026'.",
        "Give a date, month, quarter or year (31/8/2026, tháng 5/2026, quý IV năm 2026), or a start: "
        "'05 ngày làm việc kể từ ngày 01/3/2026'.",
    ),
    "block_kinds": (
        "Ví dụ: '- text: Đoạn văn', '- heading: Phạm vi:', '- list: [...]'.",
        "For example: '- text: A paragraph', '- heading: Scope:', '- list: [...]'.",
    ),
    "table_total_mismatch": (
        "Sửa số tổng, hoặc bỏ các ô của dòng tổng để kehoach tự cộng.",
        "Fix the total, or leave the total row's cells out and kehoach adds them up.",
    ),
    "phase_order": ("Đổi 'start' hoặc 'end' của đợt này.", "Change this phase's 'start' or 'end'."),
    "unknown_document_type": ("Các tên loại: {types}.", "Document types: {types}."),
    "yaml.syntax": (
        "Kiểm tra thụt lề (dùng dấu cách, không dùng Tab) và dấu ':' sau mỗi khóa.",
        "Check the indentation (spaces, not tabs) and the ':' after each key.",
    ),
    "yaml.duplicate_key": (
        "Xóa một trong hai dòng, hoặc đổi tên khóa.",
        "Delete one of the two lines or rename the key.",
    ),
    "file.not_utf8": (
        "Lưu lại tệp với mã UTF-8 (trong Notepad: Save As → Encoding: UTF-8).",
        "Save the file as UTF-8.",
    ),
    "control_character": (
        "Xóa ký tự đó (thường do dán từ văn bản khác).",
        "Delete that character (it usually comes with pasted text).",
    ),
    "greater_than_equal": ("Nghị định 30 quy định giới hạn này.", "Decree 30 sets this bound."),
    "less_than_equal": ("Nghị định 30 quy định giới hạn này.", "Decree 30 sets this bound."),
    "unit_without_tasks": (
        "Thêm 'tasks:' cho đơn vị, hoặc bỏ đơn vị khỏi danh sách.",
        "Add 'tasks:' to the unit or remove it.",
    ),
}

LANGS = ("vi", "en")


def _pick(table: _M, code: str, lang: str) -> str | None:
    entry = table.get(code)
    if entry is None:
        return None
    return entry[LANGS.index(lang) if lang in LANGS else 0]


def text(code: str, lang: str = "vi", **args: Any) -> str:
    """The message for ``code``; an unknown code shows itself rather than failing."""
    template = _pick(TEXTS, code, lang) or code
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template


def hint(code: str, lang: str = "vi", **args: Any) -> str:
    """The hint for ``code``, or "" when the catalogue has none or lacks its facts: a hint
    built on an empty fact ("Did you mean ''?") would mislead, so it is left out."""
    template = _pick(HINTS, code, lang)
    if template is None:
        return ""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    if any(args.get(name) in ("", None) for name in names):
        return ""
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return ""
