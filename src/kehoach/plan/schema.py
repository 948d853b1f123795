"""The JSON Schema of plan.yaml, in Vietnamese, for editors that complete and explain keys.

The schema comes from the pydantic models; this module adds a Vietnamese title
and description to every part of it (one table, below), and describes the
shorthands the models accept but pydantic cannot see: a plain string where an
item, a bullet or a task has nothing but its text, and the ways of writing a
point in time ("31/8/2025", "Quý II/2026", "từ nay", an event).
"""

from __future__ import annotations

import copy
from typing import Any

from kehoach.plan.model import Plan
from kehoach.text import vn

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"

#: (title, description) of each model and each of its keys, "Model" and "Model.key".
TEXTS: dict[str, tuple[str, str]] = {
    "Plan": ("Kế hoạch", "Một kế hoạch (hoặc văn bản có tên loại khác) theo Nghị định 30/2020/NĐ-CP."),
    "Plan.profile": (
        "Thể thức",
        "nhà nước (Nghị định 30, mặc định) hoặc đảng (văn bản của Đảng: 'Số 05-KH/ĐU', 'T/M', ĐẢNG CỘNG SẢN VIỆT NAM).",
    ),
    "Plan.issuer": ("Cơ quan ban hành", "Tên cơ quan ở góc trên bên trái và cách gọi trong câu."),
    "Plan.document": ("Văn bản", "Tên loại, số, địa danh, ngày ban hành và trích yếu."),
    "Plan.page": ("Trang", "Lề trang (mm) và cỡ chữ, trong giới hạn của Nghị định 30."),
    "Plan.basis": ("Căn cứ", "Các đoạn mở đầu: 'Thực hiện Kế hoạch số …'."),
    "Plan.intro": ("Đoạn dẫn", "Đoạn giới thiệu trước mục I ('… xây dựng kế hoạch … như sau:')."),
    "Plan.sections": ("Các mục", "Mục I, II, … theo thứ tự; số mục được đánh tự động."),
    "Plan.phases": ("Các đợt", "Các đợt thực hiện; tiêu đề 'Đợt 1: Từ … đến …' được ghép tự động."),
    "Plan.units": (
        "Các đơn vị",
        "Đơn vị được giao hoặc được đề nghị thực hiện, với nhiệm vụ của từng đơn vị.",
    ),
    "Plan.key_tasks": ("Nhiệm vụ trọng tâm", "Các dòng của bảng nhiệm vụ trong Phụ lục."),
    "Plan.slogans": ("Khẩu hiệu", "Các khẩu hiệu tuyên truyền, đánh số tự động."),
    "Plan.closing": ("Đoạn kết", "Đoạn cuối văn bản, kết thúc bằng './.'."),
    "Plan.recipients": ("Nơi nhận", "Mỗi nơi nhận một dòng, không cần '- ' và ';' (dòng 'Lưu' tự thêm)."),
    "Plan.signer": ("Người ký", "Thẩm quyền ký, chức vụ và họ tên."),
    "Plan.appendices": ("Phụ lục", "Các phụ lục kèm theo; số Phụ lục I, II … được đánh tự động."),
    "Plan.archive": (
        "Lưu",
        "Các mục của dòng 'Lưu': [VT, TH (Thắng)] thành '- Lưu: VT, TH (Thắng).' (mặc định: VT và đơn vị soạn thảo).",
    ),
    "Plan.numbering": ("Cách đánh số", "Cách đánh số mục, khoản, điểm của cả kế hoạch (mặc định I-1-a)."),
    "Plan.appendix_labels": ("Số phụ lục", "I (Phụ lục I, II), 1 (Phụ lục 1, 2) hoặc 01 (Phụ lục 01, 02)."),
    "Issuer": ("Cơ quan ban hành", "Cơ quan ban hành văn bản."),
    "Issuer.parent": ("Cơ quan chủ quản", "Tên cơ quan chủ quản trực tiếp (chữ in hoa, không đậm), nếu có."),
    "Issuer.name": (
        "Tên cơ quan",
        "Tên cơ quan ban hành, mỗi dòng một phần tử: [ỦY BAN NHÂN DÂN, PHƯỜNG AN DƯƠNG].",
    ),
    "Issuer.abbr": ("Chữ viết tắt", "Chữ viết tắt tên cơ quan trong ký hiệu: UBND."),
    "Issuer.full_name": ("Tên đầy đủ", "Tên dùng trong câu: Ủy ban nhân dân phường An Dương."),
    "Issuer.short_name": ("Tên gọi ngắn", "Tên trong công văn giao việc: Ủy ban nhân dân phường."),
    "Issuer.drafting_unit": ("Đơn vị soạn thảo", "Chữ viết tắt đơn vị soạn thảo, cho dòng 'Lưu: VT, VHXH.'."),
    "Document": ("Văn bản", "Thông tin ở phần đầu văn bản."),
    "Document.type": ("Tên loại", "Chữ viết tắt tên loại văn bản: " + ", ".join(vn.DOCUMENT_TYPES) + "."),
    "Document.number": ("Số", "Số văn bản (15) hoặc cả số và ký hiệu (15/KH-UBND); bỏ trống khi là dự thảo."),
    "Document.place": ("Địa danh", "Tên đơn vị hành chính nơi cơ quan đóng trụ sở: An Dương."),
    "Document.date": ("Ngày ban hành", "Ngày ban hành dạng năm-tháng-ngày: 2025-08-01."),
    "Document.year": ("Năm", "Năm ban hành, khi dự thảo chưa có ngày."),
    "Document.month": (
        "Tháng",
        'Tháng ban hành của dự thảo đã biết tháng mà chưa có ngày: "ngày    tháng 5 năm 2026".',
    ),
    "Document.subject": (
        "Trích yếu",
        "Trích yếu nội dung, chữ thường, in đậm dưới tên loại; "
        "viết thành danh sách các dòng để tự chọn chỗ xuống dòng.",
    ),
    "Page": ("Trang", "Định dạng trang."),
    "Page.margins": ("Lề", "Lề trang tính bằng mm."),
    "Page.font_size": ("Cỡ chữ", "Cỡ chữ phần nội dung: 13 hoặc 14."),
    "Margins": ("Lề trang", "Lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm."),
    "Margins.top": ("Lề trên", "Từ 20 đến 25 mm."),
    "Margins.bottom": ("Lề dưới", "Từ 20 đến 25 mm."),
    "Margins.left": ("Lề trái", "Từ 30 đến 35 mm."),
    "Margins.right": ("Lề phải", "Từ 15 đến 20 mm."),
    "Section": ("Mục", "Một mục (I, II, …): nội dung tự do hoặc một danh sách của kế hoạch."),
    "Section.title": ("Tên mục", "Tên mục, chữ thường (được in hoa khi xuất)."),
    "Section.paragraphs": ("Đoạn văn", "Các đoạn không đánh số, ngay dưới tên mục."),
    "Section.items": ("Các khoản", "Các khoản đánh số 1., 2., … (bên trong là điểm a), b), …)."),
    "Section.bullets": ("Gạch đầu dòng", "Các dòng '-' (bên trong là '+')."),
    "Section.show": (
        "Hiển thị danh sách",
        "phases: các đợt; units: các đơn vị và nhiệm vụ; slogans: khẩu hiệu.",
    ),
    "Section.closing": ("Đoạn cuối mục", "Các đoạn sau nội dung của mục."),
    "Section.id": ("Mã mục", "Mã để tham chiếu: {mục:to-chuc-thuc-hien} thành 'mục VI'."),
    "Section.numbering": ("Cách đánh số", "Cách đánh số riêng của mục này (như 'numbering' của kế hoạch)."),
    "Section.body": (
        "Nội dung theo thứ tự",
        "Các khối theo đúng thứ tự: đoạn văn, tiêu đề không số, ghi chú, danh sách, khoản, bảng.",
    ),
    "Numbering": (
        "Cách đánh số",
        "Tên kiểu ('I-1-a', '1-1.1-a', '1-1.1-1.1.1', 'I-1-1.1-a', 'I-1-a.', 'I-1-a/') "
        "hoặc danh sách định dạng từng cấp ['1.', '1.1.', 'a)'].",
    ),
    "Numbering.style": ("Kiểu đánh số", "I-1-a (mặc định), I-1-a., I-1-a/, I-1-1.1-a, 1-1.1-a, 1-1.1-1.1.1."),
    "Numbering.levels": (
        "Định dạng từng cấp",
        "Từ cấp mục trở xuống: I. 1. 1.1. 1.1.1. a) a. a/ 1) - + •.",
    ),
    "Numbering.titles": ("Tiêu đề từng cấp", "Chữ in hoa hay giữ nguyên, và kiểu chữ của tiêu đề ở mỗi cấp."),
    "TitleFormat": ("Tiêu đề một cấp", "Cách viết tiêu đề của một cấp."),
    "TitleFormat.case": ("Chữ hoa", "upper: in hoa; as-written: giữ như đã viết."),
    "TitleFormat.style": ("Kiểu chữ", "bold, italic, bold-italic hoặc plain."),
    "Block": (
        "Khối nội dung",
        "Đúng một trong: text (đoạn văn), heading (tiêu đề không số), note (ghi chú căn giữa), "
        "list (danh sách), items (khoản/điểm đánh số), table (bảng); có thể chỉ viết đoạn văn.",
    ),
    "Block.text": ("Đoạn văn", "Một đoạn văn; *nghiêng*, **đậm**."),
    "Block.heading": ("Tiêu đề không số", "Ví dụ 'Phạm vi và tiềm năng:'."),
    "Block.style": ("Kiểu tiêu đề", "bold (mặc định), italic, bold-italic hoặc plain."),
    "Block.note": ("Ghi chú", "Một dòng căn giữa, in nghiêng: '(*) Nếu có sự thay đổi …'."),
    "Block.list": ("Danh sách", "Các dòng của danh sách; mỗi dòng có thể có danh sách con."),
    "Block.marker": ("Ký hiệu đầu dòng", "- (mặc định), +, •, hoặc đánh số a) a. a/ 1) 1."),
    "Block.items": ("Khoản/điểm", "Các khoản hoặc điểm đánh số, tiếp nối các khối khoản trước trong cùng phần."),
    "Block.table": ("Bảng", "Một bảng trong nội dung."),
    "Block.team": ("Đoàn, tổ, ban", "Thành viên một đoàn (tổ, ban), đánh số như các khoản tại chỗ này."),
    "Team": ("Đoàn, tổ, ban", "Đoàn kiểm tra, ban chỉ đạo, tổ công tác: tên và các thành viên."),
    "Team.id": ("Mã", "Mã của đoàn (duy nhất trong kế hoạch)."),
    "Team.name": ("Tên", "Đoàn kiểm tra công tác cải cách hành chính."),
    "Team.members": ("Thành viên", "Mỗi người một dòng: danh xưng, họ tên, chức vụ, vai trò, nhiệm vụ."),
    "Member": ("Thành viên", "Ông Hoàng Văn A, Phó Giám đốc Sở Nội vụ – Trưởng đoàn: phụ trách chung."),
    "Member.honorific": ("Danh xưng", "Ông, Bà hoặc Đồng chí."),
    "Member.name": ("Họ tên", "Họ và tên."),
    "Member.position": ("Chức vụ", "Chức vụ, cơ quan công tác."),
    "Member.role": ("Vai trò", "Trưởng đoàn, Phó Trưởng đoàn, thành viên, thư ký."),
    "Member.duties": ("Nhiệm vụ", "Nhiệm vụ trong đoàn: phụ trách chung …"),
    "Line": ("Dòng", "Một dòng của danh sách; có thể chỉ viết nội dung."),
    "Line.text": ("Nội dung", "Nội dung dòng; *nghiêng*, **đậm**."),
    "Line.marker": ("Ký hiệu của danh sách con", "Ký hiệu các dòng con (mặc định: '+' dưới '-', '•' dưới '+')."),
    "Line.lead": ("Chủ trì", "Mã (hoặc tên) các đơn vị chủ trì: phần này thành nhiệm vụ trong công văn của họ."),
    "Line.with": ("Phối hợp", "Mã (hoặc tên) các đơn vị phối hợp: nhiệm vụ vào công văn của họ với vai trò phối hợp."),
    "Line.member": ("Thành viên thực hiện", "Thành viên của đơn vị tập thể chủ trì: 'UBND phường Yên Bái'."),
    "Line.report": ("Báo cáo", "Quy định báo cáo riêng của phần này: gửi về đâu, khi nào (xem Report)."),
    "Line.deadline": ("Thời hạn", "31/8/2026, tháng 5/2026, quý IV năm 2026, 05 ngày làm việc kể từ ngày …"),
    "Line.list": ("Danh sách con", "Các dòng dưới dòng này."),
    "Table": ("Bảng", "Cột, các dòng, dòng nhóm và dòng tổng; cột TT và tổng được tính tự động."),
    "Table.id": ("Mã bảng", "Mã của bảng (duy nhất trong kế hoạch)."),
    "Table.title": ("Tên bảng", "Tên bảng (chưa in; dành cho tham chiếu)."),
    "Table.notice": (
        "Thông báo cho đơn vị trong lịch",
        "Mỗi đơn vị ở cột role: addressee nhận một thông báo: subject (V/v), prepare (mã khoản cần chuẩn bị), "
        "team (mã đoàn), appendix (mã phụ lục), closing (câu kết).",
    ),
    "Notice": ("Thông báo", "Nội dung thông báo gửi các đơn vị có tên trong lịch (đơn vị được kiểm tra)."),
    "Notice.subject": ("Trích yếu", "Sau 'V/v': 'thông báo lịch kiểm tra công tác cải cách hành chính năm 2026'."),
    "Notice.prepare": ("Việc cần chuẩn bị", "Mã của mục hay khoản nêu việc đơn vị phải chuẩn bị."),
    "Notice.team": ("Đoàn", "Mã của đoàn (team) sẽ đến làm việc."),
    "Notice.appendix": ("Phụ lục", "Mã của phụ lục đơn vị phải điền, gửi (đề cương báo cáo)."),
    "Notice.closing": ("Câu kết", "Câu cuối thông báo (mặc định: 'Đề nghị … chuẩn bị các nội dung trên …')."),
    "Table.columns": ("Các cột", "Nhãn, độ rộng tương đối, căn lề; counter: cột TT; number: cột số; total: cộng."),
    "Table.number_row": ("Dòng số cột", "In dòng (1) (2) (3) … dưới tiêu đề cột."),
    "Table.rows": (
        "Các dòng",
        "Mỗi dòng là danh sách ô; {group: …} là dòng nhóm (I, II, …); {total: Tổng cộng} là dòng tổng.",
    ),
    "Table.restart": ("Đánh số lại", "Cột TT đánh lại từ 1 sau mỗi dòng nhóm (mặc định) hay đánh tiếp."),
    "Table.note": ("Ghi chú dưới bảng", "Các dòng ghi chú in nghiêng dưới bảng: '(*) Nếu có …'."),
    "Column": ("Cột", "Một cột của bảng."),
    "Column.label": ("Nhãn cột", "Tiêu đề cột; nhiều dòng thì viết danh sách."),
    "Column.width": ("Độ rộng", "Độ rộng tương đối so với các cột khác (mặc định 1)."),
    "Column.align": ("Căn lề", "left, center, right hoặc both."),
    "Column.counter": ("Cột TT", "kehoach tự đánh số thứ tự các dòng trong cột này (không ghi ô)."),
    "Column.number": ("Cột số", "Các ô là số, in theo cách Việt Nam (7.080,5), căn phải."),
    "Column.total": ("Cộng tổng", "Cộng cột này vào dòng tổng; tổng ghi sai là lỗi."),
    "Column.role": (
        "Vai trò của cột",
        "Bảng giao việc: task (nhiệm vụ), lead (chủ trì), with (phối hợp), deadline (thời hạn), "
        "addressee (đơn vị nhận thông báo của dòng); các tên cách nhau bằng ';'.",
    ),
    "Row": ("Dòng", "Danh sách ô, hoặc {group: tên nhóm}, hoặc {total: Tổng cộng, cells: [tổng ghi sẵn]}."),
    "Row.cells": ("Các ô", "Các ô theo thứ tự cột (bỏ qua cột TT và ô đã gộp từ dòng trên)."),
    "Row.group": ("Dòng nhóm", "Tên nhóm: 'Khu vực phía Bắc' (số La Mã tự đánh, in đậm)."),
    "Row.total": ("Dòng tổng", "Nhãn dòng tổng: 'Tổng cộng'; các ô (nếu có) là tổng ghi sẵn để đối chiếu."),
    "Row.lead": ("Chủ trì", "Mã các đơn vị chủ trì dòng này (thay cho ô của cột role: lead)."),
    "Row.with": ("Phối hợp", "Mã các đơn vị phối hợp (thay cho ô của cột role: with)."),
    "Row.member": ("Thành viên thực hiện", "Thành viên của đơn vị tập thể chủ trì: 'UBND phường Yên Bái'."),
    "Row.report": ("Báo cáo", "Quy định báo cáo riêng của phần này: gửi về đâu, khi nào (xem Report)."),
    "Row.deadline": ("Thời hạn", "Thời hạn của dòng (thay cho ô của cột role: deadline)."),
    "Cell": ("Ô", "Một ô: chữ (xuống dòng bằng dòng mới), số, hoặc {text, paragraphs, list, span, rows, align}."),
    "Cell.text": ("Nội dung", "Chữ hoặc số trong ô."),
    "Cell.paragraphs": ("Đoạn văn", "Nhiều đoạn trong một ô."),
    "Cell.list": ("Danh sách", "Các dòng '-' trong ô."),
    "Cell.marker": ("Ký hiệu đầu dòng", "Ký hiệu của danh sách trong ô (mặc định '-')."),
    "Cell.span": ("Gộp cột", "Số cột ô này chiếm (mặc định 1)."),
    "Cell.rows": ("Gộp dòng", "Số dòng ô này chiếm theo chiều dọc (các dòng dưới bỏ ô này)."),
    "Cell.align": ("Căn lề", "left, center, right hoặc both."),
    "Item": ("Khoản hoặc điểm", "Một khoản (1.) hoặc điểm (a)); có thể chỉ viết nội dung."),
    "Item.title": ("Tiêu đề", "Tiêu đề của khoản/điểm (khoản in đậm, điểm in nghiêng)."),
    "Item.title_style": ("Kiểu tiêu đề", "bold, italic, bold-italic hoặc plain."),
    "Item.text": ("Nội dung", "Nội dung; *nghiêng*, **đậm**."),
    "Item.paragraphs": ("Đoạn văn", "Các đoạn không đánh số dưới tiêu đề."),
    "Item.items": ("Các điểm", "Các mục con đánh số tiếp theo (a), b), …)."),
    "Item.bullets": ("Gạch đầu dòng", "Các dòng '-' (bên trong là '+')."),
    "Item.unit": ("Khoản của đơn vị", "Mã đơn vị: mỗi đoạn, dòng, điểm dưới khoản này là một nhiệm vụ của đơn vị đó."),
    "Item.lead": ("Chủ trì", "Mã (hoặc tên) các đơn vị chủ trì: phần này thành nhiệm vụ trong công văn của họ."),
    "Item.with": ("Phối hợp", "Mã (hoặc tên) các đơn vị phối hợp: nhiệm vụ vào công văn của họ với vai trò phối hợp."),
    "Item.member": ("Thành viên thực hiện", "Thành viên của đơn vị tập thể chủ trì: 'UBND phường Yên Bái'."),
    "Item.report": ("Báo cáo", "Quy định báo cáo riêng của phần này: gửi về đâu, khi nào (xem Report)."),
    "Item.deadline": ("Thời hạn", "31/8/2026, tháng 5/2026, quý IV năm 2026, 05 ngày làm việc kể từ ngày …"),
    "Item.id": ("Mã", "Mã để tham chiếu: {khoản:ma} thành 'khoản 2'."),
    "Item.body": ("Nội dung theo thứ tự", "Các khối theo đúng thứ tự (thay cho paragraphs/items/bullets)."),
    "Bullet": ("Gạch đầu dòng", "Một dòng '-' (hoặc '+'); có thể chỉ viết nội dung."),
    "Bullet.text": ("Nội dung", "Nội dung dòng; *nghiêng*, **đậm**."),
    "Bullet.bullets": ("Dòng con", "Các dòng '+' bên dưới."),
    "Phase": ("Đợt", "Một đợt: tên, thời gian bắt đầu, kết thúc và nội dung."),
    "Phase.id": ("Mã đợt", "Mã để nhiệm vụ tham chiếu: dot-1 (mặc định theo tên)."),
    "Phase.name": ("Tên đợt", "Đợt 1."),
    "Phase.start": (
        "Bắt đầu",
        "'từ nay', một ngày (01/9/2025) hoặc một sự kiện {event: …, expected: ngày dự kiến}.",
    ),
    "Phase.end": ("Kết thúc", "Một ngày, tháng, năm hoặc sự kiện."),
    "Phase.connector": ("Từ nối", "'đến' (mặc định) hoặc 'và'."),
    "Phase.description": ("Mô tả", "Phần sau dấu phẩy trong tiêu đề: 'là thời điểm …'."),
    "Phase.paragraphs": ("Đoạn văn", "Các đoạn dưới tiêu đề đợt."),
    "Phase.items": ("Các điểm", "Các điểm a), b), … của đợt."),
    "Phase.bullets": ("Gạch đầu dòng", "Các dòng '-' của đợt."),
    "Phase.body": ("Nội dung theo thứ tự", "Các khối theo đúng thứ tự (thay cho paragraphs/items/bullets)."),
    "Unit": ("Đơn vị", "Một đơn vị trong phần Tổ chức thực hiện."),
    "Unit.id": ("Mã đơn vị", "Chữ thường không dấu, số và '-': cong-an-phuong (dùng đặt tên tệp)."),
    "Unit.name": ("Tên đơn vị", "Công an phường."),
    "Unit.relation": ("Quan hệ", "giao: đơn vị thuộc quyền; đề nghị: Mặt trận, đoàn thể…"),
    "Unit.tasks": ("Nhiệm vụ", "Các nhiệm vụ của đơn vị."),
    "Unit.in_sentence": (
        "Tên trong câu",
        "Tên đơn vị khi đứng giữa câu ('giao các chủ đầu tư …'); mặc định: tên, viết thường chữ đầu nếu bắt đầu "
        "bằng 'Các', 'Những'….",
    ),
    "Unit.letters": (
        "Có công văn",
        "false: đơn vị không nhận công văn, bảng theo dõi, lịch riêng (chỉ được nêu trong kế hoạch).",
    ),
    "Unit.report": ("Báo cáo", "Quy định báo cáo riêng của đơn vị (thay quy định chung của kế hoạch)."),
    "Plan.report": (
        "Báo cáo",
        "Quy định báo cáo chung: báo cáo gì, về đâu, khi nào; thay câu báo cáo chung ở cuối mỗi công văn.",
    ),
    "Report": ("Quy định báo cáo", "Báo cáo gì, gửi về đâu, khi nào và để làm gì."),
    "Report.what": ("Nội dung báo cáo", "Mặc định: 'kết quả thực hiện'."),
    "Report.to": ("Gửi về", "Cơ quan nhận báo cáo (mặc định: cơ quan ban hành)."),
    "Report.when": ("Thời hạn", "'trước ngày 20 hằng tháng', 'định kỳ 6 tháng, hằng năm', 'trước ngày 25/12/2026'."),
    "Report.purpose": ("Để làm gì", "Ví dụ: 'để tổng hợp, báo cáo Ủy ban nhân dân tỉnh'."),
    "Report.through": ("Qua", "Cơ quan, bộ phận chuyển báo cáo: 'Phòng Kinh tế' (in: 'về … (qua Phòng Kinh tế)')."),
    "Report.dates": (
        "Các ngày nhắc báo cáo",
        "Khi 'when' không ghi ngày ('6 tháng và hằng năm'): ['ngày 15/6 hằng năm', 'ngày 15/12 hằng năm'].",
    ),
    "Task": ("Nhiệm vụ", "Một nhiệm vụ; có thể chỉ viết nội dung."),
    "Task.id": ("Mã nhiệm vụ", "Mã ổn định, để so sánh các lần sửa kế hoạch."),
    "Task.text": ("Nội dung", "Nội dung nhiệm vụ."),
    "Task.bullets": ("Nội dung con", "Các dòng '+' dưới nhiệm vụ."),
    "Task.phase": ("Đợt", "Mã đợt của nhiệm vụ: dot-1."),
    "Task.deadline": ("Thời hạn", "31/8/2025, tháng 5/2026, Quý II/2026, năm 2026, Hằng năm, Thường xuyên…"),
    "Task.report": ("Báo cáo", "Quy định báo cáo riêng của nhiệm vụ: in trong công văn, dưới nhiệm vụ."),
    "Task.with": ("Phối hợp", "Mã các đơn vị phối hợp, hoặc tên đầy đủ của đơn vị ngoài kế hoạch."),
    "KeyTask": ("Nhiệm vụ trọng tâm", "Một dòng của bảng Phụ lục."),
    "KeyTask.text": ("Tên nhiệm vụ", "Nội dung nhiệm vụ."),
    "KeyTask.lead": ("Chủ trì", "Mã hoặc tên các đơn vị chủ trì."),
    "KeyTask.with": ("Phối hợp", "Mã hoặc tên các đơn vị phối hợp."),
    "KeyTask.deadline": ("Thời gian thực hiện", "Xong trong Quý II/2026, Hằng năm, Thường xuyên…"),
    "KeyTask.note": ("Ghi chú", "Ghi chú của dòng."),
    "Appendix": ("Phụ lục", "Một phụ lục: bảng nhiệm vụ trọng tâm, một bảng, hoặc nội dung tự do."),
    "Appendix.title": ("Tên phụ lục", "Tên phụ lục, chữ thường (được in hoa)."),
    "Appendix.show": ("Nội dung", "key_tasks: bảng nhiệm vụ trọng tâm (mặc định khi không có table, body)."),
    "Appendix.id": ("Mã phụ lục", "Mã để tham chiếu: {phụ lục:lich-kiem-tra} thành 'Phụ lục I'."),
    "Appendix.table": ("Bảng", "Bảng của phụ lục."),
    "Appendix.body": ("Nội dung", "Nội dung tự do của phụ lục: các khối theo thứ tự."),
    "Appendix.closing": (
        "Khối ký cuối",
        "Các dòng ở nửa phải cuối phụ lục: 'LÃNH ĐẠO ĐƠN VỊ', '*(Ký tên, đóng dấu)*'.",
    ),
    "Appendix.orientation": ("Hướng trang", "portrait (dọc, mặc định) hoặc landscape (ngang, cho bảng rộng)."),
    "Signer": ("Người ký", "Khối chữ ký."),
    "Signer.on_behalf": ("Thay mặt", "Tập thể ký thay mặt: Ủy ban nhân dân (thành 'TM. ỦY BAN NHÂN DÂN')."),
    "Signer.authority": ("Thẩm quyền", "TM., KT., TL., TUQ. hoặc Q."),
    "Signer.authority_title": ("Chức danh thẩm quyền", "Sau thẩm quyền: Chủ tịch (thành 'KT. CHỦ TỊCH')."),
    "Signer.title": ("Chức vụ", "Chức vụ người ký: Phó Chủ tịch."),
    "Signer.name": ("Họ tên", "Họ và tên người ký, không ghi học hàm, học vị."),
    "Signer.after": ("Dòng dưới tên", "Các dòng in dưới họ tên người ký (căn giữa, chữ thường)."),
    "When": (
        "Thời điểm",
        "Một ngày (31/8/2025 hoặc 2025-08-31), tháng 5/2026, Quý II/2026, năm 2026, "
        "'từ nay', Hằng năm, Thường xuyên, hoặc một sự kiện {event: …, expected: …}.",
    ),
}

#: Models that also accept a plain string (their text).
STRING_SHORTHAND = ("Item", "Bullet", "Task", "Block", "Line")


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of plan.yaml, titled and described in Vietnamese."""
    schema = Plan.model_json_schema(by_alias=True)
    schema["$schema"] = SCHEMA_URI
    _describe("Plan", schema)
    schema["$defs"]["When"] = _when()
    for name, definition in schema["$defs"].items():
        if name != "When":
            _describe(name, definition)
    for name in STRING_SHORTHAND:
        schema["$defs"][name] = _or_string(schema["$defs"][name])
    for owner, key in (("Plan", "basis"), ("Plan", "intro"), ("Issuer", "name"), ("Issuer", "parent")):
        holder = schema if owner == "Plan" else schema["$defs"][owner]
        _list_or_string(holder["properties"][key])
    for owner, key in (("Table", "note"), ("Column", "label"), ("Document", "subject")):
        _list_or_string(schema["$defs"][owner]["properties"][key])
    defs = schema["$defs"]
    defs["Numbering"] = _or_any(defs["Numbering"], {"type": "string"}, {"type": "array", "items": {"type": "string"}})
    defs["Cell"] = _or_any(defs["Cell"], {"type": "string"}, {"type": "number"}, {"type": "null"})
    defs["Row"] = _or_any(defs["Row"], {"type": "array", "items": {"$ref": "#/$defs/Cell"}})
    number = schema["$defs"]["Document"]["properties"]["number"]
    number["anyOf"] = [
        {"type": "integer", "minimum": 1},
        {"type": "string", "pattern": r"^\d{1,5}/[^\s/-]+-[^\s/]+$"},
        {"type": "null"},
    ]
    return schema


def _describe(model: str, definition: dict[str, Any]) -> None:
    title, description = TEXTS[model]
    definition["title"], definition["description"] = title, description
    for key, prop in definition.get("properties", {}).items():
        title, description = TEXTS[f"{model}.{key}"]
        prop["title"], prop["description"] = title, description


def _list_or_string(prop: dict[str, Any]) -> None:
    """A list of lines that may also be written as a single line."""
    listed = {k: prop.pop(k) for k in ("type", "items", "minItems", "default") if k in prop}
    prop["anyOf"] = [{"type": "string", "minLength": 1}, listed]


def _or_string(definition: dict[str, Any]) -> dict[str, Any]:
    inner = copy.deepcopy(definition)
    return {
        "title": definition["title"],
        "description": definition["description"],
        "anyOf": [{"type": "string", "minLength": 1}, inner],
    }


def _or_any(definition: dict[str, Any], *shorthands: dict[str, Any]) -> dict[str, Any]:
    """A model that may also be written in shorter forms (a name, a list, a plain value)."""
    inner = copy.deepcopy(definition)
    return {"title": definition["title"], "description": definition["description"], "anyOf": [*shorthands, inner]}


def _when() -> dict[str, Any]:
    title, description = TEXTS["When"]
    event = {
        "type": "object",
        "properties": {
            "event": {"type": "string", "title": "Sự kiện", "description": "Tên sự kiện: Đại hội …"},
            "expected": {
                "type": "string",
                "format": "date",
                "title": "Ngày dự kiến",
                "description": "Ngày dự kiến của sự kiện, dạng năm-tháng-ngày.",
            },
        },
        "required": ["event"],
        "additionalProperties": False,
    }
    return {
        "title": title,
        "description": description,
        "anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}, event],
    }
