"""A small newspaper for the browser journeys: two sections, captioned images, tags."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Author, Category
from tests.conftest import jpeg_bytes, library_image

BODY = (
    "<p>بدأت البلدية صباح اليوم أعمال ترميم السوق القديم بعد سنوات من الانتظار.</p>"
    "<h2>خطة العمل</h2><p>تمتد الأعمال ثمانية أشهر وتشمل الأسقف والأرضيات.</p>"
    "<h2>موقف التجار</h2><p>رحّب التجار بالمشروع وطالبوا بتعويض عن فترة الإغلاق.</p>"
    "<h2>الخطوة التالية</h2><p>تعرض البلدية التصاميم النهائية على السكان الشهر المقبل.</p>"
)


def make_newspaper():
    politics = Category.objects.create(name="محليات", slug="محليات", position=1)
    sport = Category.objects.create(name="رياضة", slug="رياضة", position=2)
    author = Author.objects.create(name="هدى العلي", slug="هدى-العلي", bio="محررة الشؤون المحلية.")
    articles = []
    for i, (title, section) in enumerate(
        [
            ("البلدية تبدأ ترميم السوق القديم", politics),
            ("افتتاح مكتبة عامة في الحي الشمالي", politics),
            ("الفريق المحلي يتأهل إلى نصف النهائي", sport),
            ("ماراثون المدينة يجمع ثلاثة آلاف عداء", sport),
        ]
    ):
        article = Article(
            title=title,
            standfirst="ملخص قصير يشرح أهم ما في الخبر للقارئ المستعجل.",
            body=BODY,
            category=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=i + 1),
            is_featured=i == 0,
            lead_image=library_image(
                alt_text="مشهد عام لموقع الحدث",
                caption=f"صورة الخبر رقم {i + 1} كما التقطها مصورنا",
                credit="سليم ناصر",
                data=jpeg_bytes(1200, 675, (40 + 40 * i, 90, 120)),
                name=f"lead-{i}.jpg",
            ),
        )
        article.save()
        article.authors.set([author])
        article.tags.set(["ترميم", "المدينة"])
        articles.append(article)
    return articles
