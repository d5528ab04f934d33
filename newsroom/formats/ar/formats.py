# Dates as Arabic newsrooms write them: «1 ديسمبر 2026، 10:41», a 24-hour clock.
# Django's Arabic formats put the month first and have no date-and-time format
# (the admin then shows «ديسمبر 1, 2026, 10:46 ص»). The rest comes from Django's.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
