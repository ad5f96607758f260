# الواجهة باللغة العربية (أسلوب الاجتماعات الرسمية).
#
# الرسائل والمتغيرات نفسها الواردة في en.ftl. تُكتب الأعداد بالأرقام الغربية، وتُطابَق
# صيغة المعدود مع العدد بفئات الجمع: zero وone وtwo وfew (3–10) وmany (11–99) وother.

## الصفحة والاتصال

app-name = إدارة الاجتماع
interface-language = لغة الواجهة
connecting = جارٍ الاتصال…
connected = متصل
reconnecting = جارٍ إعادة الاتصال…
not-connected = غير متصل
offline = انقطع الاتصال. جارٍ إعادة الاتصال… الأوقات والقائمة المعروضة هنا ليست محدَّثة.
# Next to a countdown or a clock while the connection is lost.
not-current = (غير محدَّث)
up-to-date = تمت إعادة الاتصال. كل ما هو معروض محدَّث.
dismiss-message = إغلاق الرسالة
joining = جارٍ الانضمام إلى الاجتماع…
open-invite = افتح رابط الدعوة الخاص بك
open-invite-explained = تحتاج هذه الصفحة إلى رابط الدعوة الشخصي الذي تلقيته لهذا الاجتماع. افتح ذلك الرابط للانضمام.
invalid-invite = رابط الدعوة الخاص بك غير صالح أو انتهت صلاحيته. اطلب رابطًا جديدًا من منظِّم الاجتماع.
session-expired = انتهت صلاحية جلستك. افتح رابط الدعوة مرة أخرى، أو اطلب رابطًا جديدًا من منظِّم الاجتماع.
session-ending =
    { $minutes ->
        [zero] تنتهي جلستك الآن. افتح رابط الدعوة مرة أخرى للبقاء في الاجتماع.
        [one] تنتهي جلستك بعد دقيقة واحدة. افتح رابط الدعوة مرة أخرى للبقاء في الاجتماع.
        [two] تنتهي جلستك بعد دقيقتين. افتح رابط الدعوة مرة أخرى للبقاء في الاجتماع.
        [few] تنتهي جلستك بعد { $minutes } دقائق. افتح رابط الدعوة مرة أخرى للبقاء في الاجتماع.
        [many] تنتهي جلستك بعد { $minutes } دقيقة. افتح رابط الدعوة مرة أخرى للبقاء في الاجتماع.
       *[other] تنتهي جلستك بعد { $minutes } دقيقة. افتح رابط الدعوة مرة أخرى للبقاء في الاجتماع.
    }
outdated-client = هذه الصفحة لم تعد محدَّثة. أعد تحميلها للانضمام إلى الاجتماع.
too-many-connections = الاجتماع مفتوح بالفعل في عدد كبير جدًا من علامات التبويب أو الأجهزة لديك. أغلق إحداها، ثم أعد تحميل هذه الصفحة.
link-revoked = سحب المنظِّمون رابط الدعوة هذا. إذا كان عليك المشاركة، فاطلب منهم رابطًا جديدًا.
cannot-join = لا يمكنك الانضمام إلى الاجتماع
not-sent = غير متصل: لم يُرسَل الإجراء الذي طلبته. أعد المحاولة بعد استعادة الاتصال.
chair-controls = أدوات الرئيس
you = أنت
cancel = إلغاء
detail-separator = { " · " }
name-with-delegation = { $name } ({ $delegation })

## الأدوار

role-attendee = مشارك
role-chair = الرئيس
role-interpreter = مترجم شفوي
role-sign-language-interpreter = مترجم لغة الإشارة
role-captioner = مسؤول الترجمة النصية
role-organiser = المنظِّم

## اللغات

language-ar = العربية
language-en = الإنكليزية
language-fr = الفرنسية
language-es = الإسبانية
language-ru = الروسية
language-zh = الصينية
in-language = (باللغة { $language })
speaks-in = باللغة { $language }

## جدول الأعمال

current-item = البند الحالي
not-started = لم يبدأ الاجتماع بعد.
presenter = يقدّمه: { $name }
planned-minutes =
    { $minutes ->
        [one] دقيقة واحدة
        [two] دقيقتان
        [few] { $minutes } دقائق
       *[other] { $minutes } دقيقة
    }
guiding-questions = الأسئلة التوجيهية
agenda = جدول الأعمال
previous-item = البند السابق
next-item = البند التالي
go-to = الانتقال إليه
go-to-label = الانتقال إليه: البند { $title }
item-upcoming = مقبل
item-live = جارٍ الآن
item-done = اكتمل
item-skipped = تم تخطيه
item-used-of = { $used } من أصل { $planned }
item-used = الوقت المستغرق: { $time }
item-over = تجاوز الوقت المقرر بمقدار { $time }
item-changed = الانتقال إلى البند: { $title }
item-added = أُضيف بند: { $title }
mark-done = اكتمل
mark-done-label = اكتمل: تحديد البند { $title } بأنه مكتمل
mark-skipped = تخطٍّ
mark-skipped-label = تخطٍّ: تخطي البند { $title }
mark-upcoming = مقبل
mark-upcoming-label = مقبل: إعادة البند { $title } إلى البنود المقبلة
move-item-up-label = إلى الأعلى: نقل البند { $title } درجة واحدة
move-item-down-label = إلى الأسفل: نقل البند { $title } درجة واحدة
edit-item = تعديل
edit-item-label = تعديل البند: { $title }
item-more = إجراءات أخرى
item-more-label = إجراءات أخرى: { $title }
item-actions-label = إجراءات البند: { $title }
item-id-label = المعرِّف (أحرف لاتينية صغيرة وأرقام وشرطات)
item-title-label = العنوان باللغة { $language }
item-presenter-label = يقدّمه (اختياري)
item-minutes-label = المدة المقررة بالدقائق (اختياري)
save-item = حفظ
add-item = إضافة بند
add-item-submit = أضف البند
item-id-invalid = يجب أن يتألف المعرِّف من حرف واحد إلى 64 حرفًا من الأحرف اللاتينية الصغيرة والأرقام والشرطات.
item-id-taken = يوجد بند آخر يحمل هذا المعرِّف.
item-title-required = أدخل عنوانًا.
item-title-too-long = يتجاوز العنوان 200 حرف.
item-presenter-too-long = يتجاوز اسم مقدِّم البند 200 حرف.
item-minutes-invalid = أدخل عددًا صحيحًا من الدقائق بين 1 و600، أو اترك الحقل فارغًا.

## التوقعات

forecast = التوقعات
scheduled-start = موعد البدء المقرر: { $time }
started-at = بدأ الاجتماع في الساعة { $time }
item-ends-at = ينتهي هذا البند في حوالي الساعة { $time }
meeting-ends-at = ينتهي الاجتماع في حوالي الساعة { $time }
item-end-unknown = لا يمكن بعدُ توقُّع موعد انتهاء هذا البند
meeting-end-unknown = لا يمكن بعدُ توقُّع موعد انتهاء الاجتماع
close-list-hint = أغلق القائمة الآن لإنهاء هذا البند بحلول الساعة { $time } (يتسع الوقت لـ { $fit } من أصل { $waiting } من المنتظرين)
times-are-local = الأوقات معروضة بحسب منطقتك الزمنية.

## الكلمة

floor = الكلمة
nobody-has-floor = لم تُعطَ الكلمة لأحد
you-have-floor = الكلمة لك الآن.
floor-given-to = أُعطيت الكلمة إلى { $name }.
speech-ended = انتهت كلمتك.
speaking-for = مدة الكلام: { $time }
time-left = الوقت المتبقي: { $time }
time-over = تجاوز الوقت بمقدار { $time }
timer-paused = المؤقت متوقف مؤقتًا
your-time-paused = توقف احتساب وقت كلمتك مؤقتًا.
your-time-resumed = استُؤنف احتساب وقت كلمتك.
give-floor-next = إعطاء الكلمة للمتكلم التالي
give-floor = إعطاء الكلمة
give-floor-label = إعطاء الكلمة إلى { $name }
end-speech = إنهاء الكلمة
pause-timer = إيقاف المؤقت مؤقتًا
resume-timer = استئناف المؤقت
give-floor-other = إعطاء الكلمة لشخص غير مدرج في القائمة
other-name = الاسم
other-delegation = الوفد (اختياري)
other-language = اللغة
language-not-stated = غير محددة
name-required = أدخل اسم الشخص الذي سيتكلم.

## قائمة المتكلمين

speakers = قائمة المتكلمين
queue-length =
    { $count ->
        [zero] لا أحد ينتظر دوره في الكلام.
        [one] شخص واحد ينتظر دوره في الكلام.
        [two] شخصان ينتظران دورهما في الكلام.
        [few] { $count } أشخاص ينتظرون دورهم في الكلام.
        [many] { $count } شخصًا ينتظرون دورهم في الكلام.
       *[other] { $count } شخص ينتظرون دورهم في الكلام.
    }
queue-more =
    { $count ->
        [one] وشخص آخر
        [two] وشخصان آخران
        [few] و{ $count } أشخاص آخرين
        [many] و{ $count } شخصًا آخر
       *[other] و{ $count } شخص آخر
    }
queue-label = طلبات الكلام بالترتيب
queue-next-label = المتكلمون التالون
list-is-closed = قائمة المتكلمين مغلقة: لا تُقبل إلا نقاط النظام.
first-time-first-on = تُعطى الأولوية لمن لم يتكلموا بعدُ في هذا البند.
registered = مسجَّل مسبقًا
also-asked =
    { $count ->
        [one] طلب زميل آخر الكلمة أيضًا
        [two] طلب زميلان آخران الكلمة أيضًا
        [few] طلب { $count } زملاء آخرين الكلمة أيضًا
        [many] طلب { $count } زميلًا آخر الكلمة أيضًا
       *[other] طلب { $count } زميل آخر الكلمة أيضًا
    }
note-for-chair = ملاحظة: { $note }
list-closed-announced = أُغلقت قائمة المتكلمين.
list-reopened-announced = أُعيد فتح قائمة المتكلمين.

## طلب الكلمة

ask-for-floor = طلب الكلمة
request-kind-label = نوع الطلب
kind-intervention = مداخلة
kind-question = سؤال
kind-point-of-order = نقطة نظام
kind-right-of-reply = حق الرد
request-question-label = بشأن السؤال التوجيهي
no-particular-question = لا يتعلق بسؤال معيّن
question-numbered = السؤال { $number }: { $text }
request-language-label = سأتكلم باللغة
request-note-label = ملاحظة إلى الرئيس (اختيارية)
note-count = عدد الأحرف: { $count } من أصل { $max }
note-too-long =
    { $max ->
        [few] تتجاوز الملاحظة { $max } أحرف.
        [many] تتجاوز الملاحظة { $max } حرفًا.
       *[other] تتجاوز الملاحظة { $max } حرف.
    }
raise-hand = رفع اليد
lower-hand = خفض اليد
shortcut-hand = اختصار لوحة المفاتيح: H
your-requests = طلباتك
queue-position = ترتيبك في قائمة الانتظار: { $position }.
you-are-next = دورك هو التالي في قائمة الانتظار.
delegation-position = ترتيب طلب وفدك في قائمة الانتظار: { $position } (المتكلم: { $name }).
delegation-next = دور وفدك هو التالي (المتكلم: { $name }).
estimated-wait =
    { $minutes ->
        [one] وقت الانتظار المتوقع: دقيقة واحدة تقريبًا
        [two] وقت الانتظار المتوقع: دقيقتان تقريبًا
        [few] وقت الانتظار المتوقع: { $minutes } دقائق تقريبًا
       *[other] وقت الانتظار المتوقع: { $minutes } دقيقة تقريبًا
    }
estimated-wait-short = وقت الانتظار المتوقع: أقل من دقيقة
withdraw = سحب
withdraw-label = سحب الطلب: { $kind }
claim-request = التكلم باسم وفدي
claim-request-label = التكلم باسم وفدي بدلًا من { $name }
hand-lowered = خُفضت يدك.
request-removed = حُذف طلبك من قائمة المتكلمين.

## إدارة الرئيس للقائمة

manage-list = إدارة القائمة
move-up = إلى الأعلى
move-up-label = إلى الأعلى: نقل { $name } درجة واحدة في القائمة
move-down = إلى الأسفل
move-down-label = إلى الأسفل: نقل { $name } درجة واحدة في القائمة
remove = حذف
remove-label = حذف { $name } من قائمة المتكلمين
close-list = إغلاق القائمة
reopen-list = إعادة فتح القائمة
first-time-first = الأولوية لمن لم يتكلموا بعدُ
clear-queue = خفض جميع الأيدي
clear-queue-confirm =
    { $count ->
        [one] هل تريد خفض اليد المرفوعة؟ سيُحذف الطلب من القائمة.
        [two] هل تريد خفض اليدين المرفوعتين؟ سيُحذف الطلبان من القائمة.
       *[other] هل تريد خفض جميع الأيدي المرفوعة وعددها { $count }؟ ستُحذف جميع الطلبات من القائمة.
    }
clear-queue-yes = نعم، اخفض جميع الأيدي
readd-last-speaker = إعادة إدراج آخر متكلم
readd-last-speaker-label = إعادة إدراج آخر متكلم: { $name }، في رأس القائمة
speaking-time = مدة الكلمة (دقائق:ثوانٍ)
speaking-time-hint = اترك الحقل فارغًا لتطبيق المدة الافتراضية للاجتماع.
set-speaking-time = تطبيق
speaking-time-is = مدة الكلمة: { $time }
speaking-time-is-default = مدة الكلمة: { $time } (المدة الافتراضية للاجتماع)
no-speaking-time = لا حد لمدة الكلمة
speaking-time-invalid = أدخل مدة مثل 3:00، بين 0:10 و60:00.

## القنوات ومقصورة الترجمة الشفوية

channels = القنوات
channel-floor = القاعة
channel-sign-language = لغة الإشارة
channel-captions = الترجمة النصية
channel-live = قناة { $channel } على الهواء
channel-standby = قناة { $channel } في وضع الانتظار
your-booth = مقصورتك: { $channel }
go-on-air = بدء البث
go-off-air = إيقاف البث
you-are-on-air = أنت على الهواء
other-on-air = { $name } على الهواء في هذه القناة
booth-off-air = خارج البث: القناة في وضع الانتظار
# عدة مقصورات في جملة واحدة: «المقصورة الفرنسية، المقصورة الإسبانية».
booth-list = { "، " }
# أسماء المقصورات كما ترد في الجمل («خذ الترجمة عبر لغة وسيطة من المقصورة العربية»).
booth-ar = المقصورة العربية
booth-en = المقصورة الإنكليزية
booth-fr = المقصورة الفرنسية
booth-es = المقصورة الإسبانية
booth-ru = المقصورة الروسية
booth-zh = المقصورة الصينية
booth-of = مقصورة اللغة { $language }

## ما تنقله القناة ($kind: floor أو interpretation أو sign أو captions)

status-original = الصوت الأصلي
status-live = على الهواء
status-relay = على الهواء، ترجمة عبر لغة وسيطة من { $booth }
status-swapping = يجري تبديل المترجمين
status-paused = متوقفة مؤقتًا
status-standby =
    { $kind ->
        [interpretation] في وضع الانتظار: تسمع القاعة
       *[other] في وضع الانتظار
    }
status-unavailable = غير متاحة
# Before the meeting starts, instead of "unavailable": calm, not a fault.
status-not-started = لم يبدأ بعد

## قناتك اللغوية: اختيار المستمع والقنوات البديلة وما يُعلَن له

listening = قناتك اللغوية
listen-channel-label = أستمع إلى
fallbacks-label = إذا توقفت، انتقل إلى (بهذا الترتيب)
fallbacks-none = لا توجد قنوات بديلة: ستسمع القاعة ما دامت قناتك صامتة.
fallback-add-label = إضافة قناة بديلة
fallback-add = إضافة
fallback-up-label = إلى الأعلى: نقل { $channel } بين القنوات البديلة
fallback-down-label = إلى الأسفل: نقل { $channel } بين القنوات البديلة
fallback-remove-label = حذف { $channel } من القنوات البديلة
need-sign = أحتاج إلى لغة الإشارة
need-captions = أحتاج إلى الترجمة النصية
hearing =
    { $kind ->
        [floor] أنت تسمع القاعة.
       *[other] أنت تسمع القناة { $language }.
    }
hearing-floor-instead = القناة { $language } لا تبث شيئًا الآن، لذا تسمع القاعة.
now-hearing =
    { $kind ->
        [floor] أنت تسمع القاعة الآن.
       *[other] أنت تسمع القناة { $language } الآن.
    }
you-hear-this = تستمع إلى هذه القناة
media-link = فتح قناة { $channel }
said-live =
    { $kind ->
        [sign] الترجمة بلغة الإشارة معروضة على الشاشة.
        [captions] الترجمة النصية متاحة.
       *[other] الترجمة الفورية إلى { $language } على الهواء.
    }
said-relay = الترجمة الفورية إلى { $language } على الهواء، ترجمة عبر لغة وسيطة من { $booth }.
said-original = المتكلم يتحدث باللغة { $language }: أنت تسمع الصوت الأصلي.
said-swapping = يجري تبديل مترجم لغة الإشارة.
said-paused =
    { $kind ->
        [sign] توقفت الترجمة بلغة الإشارة مؤقتًا.
        [captions] توقفت الترجمة النصية مؤقتًا.
       *[other] توقفت الترجمة الفورية إلى { $language } مؤقتًا.
    }
said-standby =
    { $kind ->
        [sign] الترجمة بلغة الإشارة في وضع الانتظار.
        [captions] الترجمة النصية في وضع الانتظار.
       *[other] الترجمة الفورية إلى { $language } في وضع الانتظار.
    }
said-unavailable =
    { $kind ->
        [sign] الترجمة بلغة الإشارة غير متاحة.
        [captions] الترجمة النصية غير متاحة.
       *[other] الترجمة الفورية إلى { $language } غير متاحة.
    }
said-back = عادت الترجمة الفورية إلى { $language }.

## لوحة المترجم الفوري

pause-channel = إيقاف مؤقت
resume-channel = استئناف
booth-paused = متوقف مؤقتًا: يسمع مستمعوك القاعة.
working-into-retour = الترجمة العكسية (إلى { $language })
relay-label = مصدر الترجمة عبر لغة وسيطة
relay-floor = القاعة (دون لغة وسيطة)
apply = تطبيق
request-handover = طلب التناوب
cancel-handover = إلغاء طلب التناوب
accept-handover = قبول التناوب
take-over = تولي الترجمة
handover-waiting = في انتظار زميلك في المقصورة: بقي { $time }
handover-asked = يطلب منك { $name } تولي الترجمة: بقي { $time }
task-direct = المتكلم يتحدث باللغة { $floor }: ترجم مباشرة من القاعة.
task-relay = المتكلم يتحدث باللغة { $floor }: خذ الترجمة عبر لغة وسيطة من { $pivot }.
task-retour = ترجم ترجمة عكسية إلى { $language }.
task-idle-floor = لا عمل الآن: المتكلم يتحدث باللغة { $floor }.
task-idle-covered = لا عمل الآن: الترجمة العكسية من { $pivot } تغطي القناة { $language }.
task-no-source = المتكلم يتحدث باللغة { $floor }: لا توجد مقصورة تستطيع أن تنقل إليك الكلام.
relying =
    { $count ->
        [one] تأخذ هذه المقصورة الترجمة عبر لغة وسيطة منك: { $booths }.
        [two] تأخذ هاتان المقصورتان الترجمة عبر لغة وسيطة منك: { $booths }.
       *[other] تأخذ هذه المقصورات الترجمة عبر لغة وسيطة منك: { $booths }.
    }
audience =
    { $count ->
        [zero] لا أحد يستمع إلى قناتك.
        [one] شخص واحد يستمع إلى قناتك.
        [two] شخصان يستمعان إلى قناتك.
        [few] { $count } أشخاص يستمعون إلى قناتك.
        [many] { $count } شخصًا يستمعون إلى قناتك.
       *[other] { $count } شخص يستمعون إلى قناتك.
    }
coming-next-heading = المتكلم التالي
coming-next = المتكلم التالي: { $name }، وسيتحدث باللغة { $language }.
dead-air-heading = انقطاع الترجمة
dead-air = لا ترجمة فورية إلى { $language } منذ { $time } والمتكلم يتحدث.

## أدوات الرئيس الخاصة بالترجمة الفورية، والاجتماع ككل

floor-language-label = لغة القاعة
floor-language-unset = غير محددة
meeting-updated = تم تحديث جدول الأعمال.
meeting-ended = انتهى هذا الاجتماع.
meeting-ended-explained = لم يعد من الممكن إجراء أي تغيير؛ ويظل السجل متاحًا.

## الإجراءات المرفوضة: «{ $action }: { $reason }»

command-refused = { $action }: { $reason }
error-unauthorized = غير مسموح لك بالمشاركة في هذا الاجتماع
error-forbidden = لا يسمح دورك بهذا الإجراء
error-invalid = لم يفهم الخادم الطلب
error-not-found = لم يعد هذا العنصر موجودًا
error-conflict = لا يتوافق هذا الإجراء مع الوضع الحالي للاجتماع
error-list-closed = قائمة المتكلمين مغلقة؛ لا تُقبل إلا نقاط النظام
error-limit-reached = بلغ وفدك الحد الأقصى المسموح به من الطلبات
error-rate-limited = إجراءات كثيرة في وقت واحد؛ انتظر لحظة
error-unavailable = الخدمة مشغولة؛ أعد المحاولة
error-unsupported-version = هذه الصفحة لم تعد محدَّثة؛ أعد تحميلها
error-internal = حدث خطأ في الخادم
action-raise-hand = رفع اليد
action-lower-hand = خفض اليد
action-claim-request = التكلم باسم وفدي
action-give-floor = إعطاء الكلمة
action-end-floor = إنهاء الكلمة
action-pause-floor = إيقاف المؤقت مؤقتًا
action-resume-floor = استئناف المؤقت
action-move-request = نقل الطلب
action-clear-queue = خفض جميع الأيدي
action-close-list = إغلاق القائمة
action-reopen-list = إعادة فتح القائمة
action-first-time-first = الأولوية لمن لم يتكلموا بعدُ
action-readd-last-speaker = إعادة إدراج آخر متكلم
action-speaking-time = مدة الكلمة
action-change-item = تغيير البند
action-mark-item = تحديد حالة البند
action-add-item = إضافة بند
action-edit-item = تعديل البند
action-move-item = نقل البند
action-on-air = البث
action-floor-language = لغة القاعة
action-working-into = لغة العمل
action-relay = مصدر الترجمة عبر لغة وسيطة
action-pause-channel = إيقاف مؤقت
action-request-handover = طلب التناوب
action-cancel-handover = إلغاء طلب التناوب
action-take-over = تولي الترجمة

## المتصلون بالاجتماع (المنظِّمون والرئيس)

roster = المتصلون بالاجتماع
roster-show = عرض المتصلين بالاجتماع
roster-total =
    { $count ->
        [zero] لا أحد متصل بالاجتماع.
        [one] شخص واحد متصل بالاجتماع.
        [two] شخصان متصلان بالاجتماع.
        [few] { $count } أشخاص متصلون بالاجتماع.
        [many] { $count } شخصًا متصلون بالاجتماع.
       *[other] { $count } شخص متصلون بالاجتماع.
    }
roster-people =
    { $count ->
        [zero] لا أحد
        [one] شخص واحد
        [two] شخصان
        [few] { $count } أشخاص
        [many] { $count } شخصًا
       *[other] { $count } شخص
    }
roster-by-role = حسب الدور
roster-by-delegation = حسب الوفد
roster-by-language = حسب اللغة
roster-column-role = الدور
roster-column-delegation = الوفد
roster-column-language = اللغة
roster-column-people = عدد الأشخاص
roster-no-delegation = بلا وفد
roster-list = قائمة المتصلين
roster-filter-label = التصفية حسب الاسم أو الوفد
roster-order-label = الترتيب حسب
roster-order-name = الاسم
roster-order-delegation = الوفد
roster-order-role = الدور
roster-shown =
    { $count ->
        [zero] لا يُعرض أحد من أصل { $total }.
        [one] يُعرض شخص واحد من أصل { $total }.
        [two] يُعرض شخصان من أصل { $total }.
        [few] يُعرض { $count } أشخاص من أصل { $total }.
        [many] يُعرض { $count } شخصًا من أصل { $total }.
       *[other] يُعرض { $count } شخص من أصل { $total }.
    }
roster-no-match = لا يوجد بين المتصلين من يطابق عبارة التصفية.
roster-devices =
    { $count ->
        [one] جهاز واحد
        [two] جهازان
        [few] { $count } أجهزة
        [many] { $count } جهازًا
       *[other] { $count } جهاز
    }
roster-languages = اللغات: { $languages }

## Moving on while requests wait: the chair is asked, the requesters told.
move-on-question =
    { $count ->
        [one] طلب واحد ينتظر في «{ $item }». ماذا يحدث له؟
        [two] طلبان ينتظران في «{ $item }». ماذا يحدث لهما؟
        [few] { $count } طلبات تنتظر في «{ $item }». ماذا يحدث لها؟
       *[other] { $count } طلبًا ينتظر في «{ $item }». ماذا يحدث لها؟
    }
move-on-carry = النقل إلى «{ $item }»
move-on-keep = الإبقاء في «{ $item }»
move-on-close = خفض الأيدي
move-on-cancel = البقاء في هذا البند
request-kept = يبقى طلبك في قائمة «{ $item }» إلى أن يعود الرئيس إلى هذا البند.
request-carried = نُقل طلبك إلى هذا البند.
request-closed = أغلق الرئيس قائمة «{ $item }»: خُفضت يدك.
# تنزيل سجل المتكلمين، للرئيس والمنظمين.
speaker-log = سجل المتكلمين
speaker-log-explained = من تكلم، وفي أي بند، وبأي لغة، وكم من الوقت.
speaker-log-format = الصيغة
speaker-log-csv = CSV (جدول بيانات)
speaker-log-json = JSON (بيانات)
speaker-log-markdown = ملخص (Markdown)
download-speaker-log = تنزيل سجل المتكلمين
speaker-log-downloaded = حُفظ سجل المتكلمين باسم { $file }.
speaker-log-expired = انتهت جلستك: افتح رابط الدعوة مرة أخرى لتنزيل سجل المتكلمين.
speaker-log-forbidden = لا يسمح دورك بتنزيل سجل المتكلمين.
speaker-log-unavailable = لا يمكن إعداد سجل المتكلمين الآن. حاول مرة أخرى بعد قليل.
speaker-log-offline = تعذر تنزيل سجل المتكلمين: لا يمكن الوصول إلى الخادم.
speaker-log-failed = تعذر تنزيل سجل المتكلمين (الخطأ { $status }).

## Self-registration: the registration page (/register/{meeting}) and the organisers'
## list of registrations.

reg-heading = التسجيل في الاجتماع
reg-intro = عرّف المنظمين بنفسك. بعد موافقتهم على تسجيلك، تعطيك هذه الصفحة رابطك إلى الاجتماع.
reg-loading = جارٍ تحميل استمارة التسجيل…
reg-not-taking = لا يقبل هذا الاجتماع التسجيل.
reg-name = الاسم
reg-email = البريد الإلكتروني
reg-delegation = الوفد
reg-languages = اللغات التي تتابعها
reg-needs = ما تحتاج إليه
reg-need-sign = الترجمة بلغة الإشارة
reg-need-captions = الترجمة النصية
reg-ask-floor = أطلب الكلمة
reg-item = بند جدول الأعمال
reg-kind = من أجل
reg-kind-intervention = مداخلة
reg-kind-question = سؤال
reg-question = السؤال التوجيهي
reg-question-none = لا سؤال بعينه
reg-written = سؤال مكتوب للمنظمين
reg-optional = (اختياري)
reg-submit = سجّل
reg-errors-summary = بعض الحقول تحتاج إلى تصحيح.
reg-error-name = اكتب اسمك.
reg-error-email = اكتب بريدك الإلكتروني.
reg-error-email-invalid = اكتب عنوان بريد إلكتروني مثل name@example.org.
reg-error-languages = اختر لغة واحدة على الأقل.
reg-error-item = اختر بندًا من جدول الأعمال.
reg-error-question = اختر أحد الأسئلة التوجيهية للبند.
reg-error-too-long = هذا النص طويل جدًا.
reg-error-characters = احذف الرموز الخاصة من هذا الحقل.
reg-rate-limited = وصلت تسجيلات كثيرة جدًا من اتصالك. يرجى المحاولة مرة أخرى بعد دقيقة.
reg-send-failed = تعذّر إرسال تسجيلك. يرجى المحاولة مرة أخرى.
reg-pending-heading = تسجيلك في انتظار المنظمين
reg-pending = تتحقق هذه الصفحة بنفسها من الموافقة عليه. يمكنك إغلاقها وفتحها لاحقًا في هذا المتصفح.
reg-approved-heading = تمت الموافقة على تسجيلك
reg-join = الانضمام إلى الاجتماع
reg-link-label = رابطك إلى الاجتماع (احتفظ به لنفسك)
reg-no-link = رابطك غير متاح الآن. يرجى الاتصال بالمنظمين.
reg-declined-heading = رُفض تسجيلك
reg-declined = لم يوافق المنظمون على هذا التسجيل. يرجى الاتصال بهم إن كنت ترى أن في ذلك خطأ.
reg-register-again = سجّل من جديد
regs-heading = التسجيلات
regs-waiting = في انتظار قرار
regs-none-waiting = لا تسجيل في الانتظار.
regs-decided = تم البت فيها
regs-approve = موافقة
regs-decline = رفض
# $name: who registered.
regs-approve-label = موافقة: { $name }
regs-decline-label = رفض: { $name }
regs-status-approved = مقبول
regs-status-declined = مرفوض
regs-email = البريد الإلكتروني
regs-languages = اللغات
regs-needs = الاحتياجات
regs-floor = يطلب الكلمة
regs-written = سؤال مكتوب
regs-received = تسجيل جديد: { $name }
regs-announced-approved = تمت الموافقة على التسجيل: { $name }
regs-announced-declined = رُفض التسجيل: { $name }
# $status: the HTTP status of an unexpected answer.
regs-decision-failed = تعذّر تسجيل القرار (الخطأ { $status }).

## The organisers' participants card.
participants = المشاركون
participants-explained = جميع المدعوين مع روابط دعوتهم. ألغِ الرابط الذي تسرّب، أو استبدله لإرسال رابط جديد إلى صاحبه.
participants-search-label = ابحث بالاسم أو الوفد أو المعرّف أو البريد الإلكتروني
participants-loading = جارٍ تحميل المشاركين…
participants-no-match = لا يوجد مشارك مطابق.
participants-shown = المطابقون: { $count } من { $total }.
participants-first-shown = لا يُعرض إلا أول 50: ابحث للعثور على الآخرين.
participant-link-active = الرابط صالح
participant-link-revoked = الرابط ملغى
copy-link = نسخ الرابط
show-link = عرض الرابط
revoke-link = إلغاء الرابط
replace-link = استبدال الرابط
copy-link-label = نسخ الرابط: { $name }
show-link-label = عرض الرابط: { $name }
revoke-link-label = إلغاء الرابط: { $name }
replace-link-label = استبدال الرابط: { $name }
participant-link-heading = رابط دعوة { $name }
participant-link-hint = حدّد الرابط وانسخه، أو استخدم «نسخ الرابط».
link-copied = نُسخ رابط دعوة { $name }.
link-copy-failed = تعذّر نسخ الرابط: حدّده في المربع وانسخه يدويًا.
revoke-confirm = هل تريد إلغاء رابط { $name }؟ تُقطع صفحاته المفتوحة فورًا ويتوقف الرابط عن العمل.
replace-confirm = هل تريد استبدال رابط { $name }؟ يتوقف الرابط القديم عن العمل وتُقطع صفحاته المفتوحة فورًا، وتحصل على رابط جديد ترسله إليه.
link-revoked-done = أُلغي رابط { $name }: قُطعت صفحاته المفتوحة.
link-replaced-done = رابط جديد لـ { $name }: انسخه وأرسله إليه.
participant-added = أُضيف { $name }: انسخ رابطه وأرسله إليه.
participants-failed = تعذّر تحميل المشاركين أو تعديلهم (الخطأ { $status }).
participants-offline = لا يمكن الوصول إلى الخادم. حاول مرة أخرى بعد قليل.
add-participant = إضافة مشارك
add-participant-explained = لمن سجّل متأخرًا. يحصل على رابط دعوة خاص به.
participant-name = الاسم
participant-id = المعرّف
participant-id-hint = حروف لاتينية صغيرة وأرقام وشرطات. إن تُرك فارغًا يُشتق من الاسم.
participant-role = الدور
participant-delegation = الوفد (اختياري)
participant-languages = اللغات
participant-email = البريد الإلكتروني (اختياري)
participant-needs = الاحتياجات
participant-sign-language = الترجمة بلغة الإشارة
participant-captions = الترجمة النصية
participant-written-question = سؤال مكتوب: { $question }
participant-needs-list = الاحتياجات: { $needs }
add-participant-submit = إضافة المشارك
participant-error-name = أدخل اسمًا دون محارف تحكم.
participant-error-id = يتكون المعرّف من 1 إلى 64 من الحروف اللاتينية الصغيرة والأرقام والشرطات: اكتبه بنفسك.
participant-error-id-taken = هذا المعرّف لشخص آخر: اختر غيره.
participant-error-email = أدخل عنوان بريد إلكتروني مثل name@example.org.
participant-error-delegation = يحتوي اسم الوفد على محارف غير مسموح بها.
participant-error-languages = اختر لغات هذا الاجتماع فقط.
# استيراد التسجيلات وتنزيل روابط الدعوة (المنظمون).
import-heading = استيراد التسجيلات
import-explained = أدخل الأشخاص من ملف التصدير الخاص بأداة التسجيل (ملف CSV). حدّد العمود الذي يحتوي على كل حقل في الملف: لا يُخمَّن شيء.
import-file = ملف التسجيلات (CSV)
import-columns = عمود كل حقل
import-suggested = اختيرت لك الأعمدة التي يطابق عنوانها اسم الحقل: راجع كل واحد منها قبل الاستيراد.
import-column-none = (غير موجود في الملف)
import-field-id = المعرّف
import-field-name = الاسم (مطلوب)
import-field-email = البريد الإلكتروني
import-field-delegation = الوفد
import-field-role = الدور
import-field-booth = المقصورة
import-field-languages = اللغات
import-field-sign-language = لغة الإشارة
import-field-captions = الترجمة النصية
import-field-floor = يطلب الكلمة
import-field-item = بند جدول الأعمال
import-field-kind = نوع الطلب
import-field-question = السؤال التوجيهي
import-field-written-question = سؤال مكتوب
import-check = تحقّق
import-run = استيراد
import-valid-only = استيراد الصفوف الصالحة
import-no-name = اختر العمود الذي يحتوي على الأسماء.
import-unreadable = تعذّرت قراءة الملف كنص.
import-errors = مشكلات في الملف
import-checked = تم التحقق: عدد الصفوف التي يمكن استيرادها: { $valid }. المشكلات التي وُجدت: { $errors }.
import-done = المشاركون المستوردون: { $imported } (طلب الكلمة منهم: { $requests }). الصفوف المستبعدة: { $errors }.
import-refused = لم يُستورد شيء. المشكلات التي وُجدت: { $errors }.
import-error = السطر { $line }، { $field }: { $message }
import-failed = فشل الطلب (الخطأ { $status }). لم يُستورد شيء.
import-offline = يتعذّر الوصول إلى الخادم. حاول مرة أخرى بعد قليل.
download-links = تنزيل جميع روابط الدعوة (CSV)
links-downloaded = حُفظت روابط الدعوة باسم { $file }.
links-failed = تعذّر تنزيل روابط الدعوة (الخطأ { $status }).
