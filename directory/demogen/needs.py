"""Basic-needs services: food, shelter, housing costs, legal help, transport, goods, benefits."""
from .catalog import Category

NEEDS = (
    Category(
        "food_pantry", ("food_bank", "faith", "community"), ("102-04", "101-03"),
        ("Food Pantry", "Weekly Grocery Distribution", "Emergency Food Boxes"),
        {"es": "Despensa de alimentos", "zh": "食物銀行", "vi": "Kho thực phẩm miễn phí"},
        ("Free groceries for households in {city}: fresh produce, dairy, bread and shelf-stable "
         "staples, with halal and vegetarian options when available.",
         "Our pantry hands out a week of groceries per visit to anyone who needs food, with "
         "extra protein and diapers for families with young children."),
        ("Walk in during open hours; bring a bag if you can. First visit: we ask your ZIP code "
         "and household size only.",),
        audience=("all",), schedules=("weekday", "weekend", "split", "extended")),
    Category(
        "senior_meals", ("food_bank", "community", "faith"), ("102-05", "102-03"),
        ("Senior Lunch Program", "Home-Delivered Meals for Seniors", "Congregate Meals"),
        {"es": "Comidas para personas mayores", "zh": "長者午餐", "vi": "Bữa ăn cho người cao tuổi"},
        ("Hot, nutritionally balanced lunches for adults 60 and over in {city}, served with "
         "company and a weekly wellness check.",
         "Meals delivered to the homes of older adults who cannot easily shop or cook, with a "
         "friendly check-in at each delivery."),
        ("Call to reserve a seat or to be assessed for home delivery; a $3 donation is "
         "suggested but nobody is turned away.",),
        audience=("senior",), schedules=("meals", "weekday"), cost="low"),
    Category(
        "emergency_shelter", ("shelter", "faith"), ("101-04", "103-01"),
        ("Emergency Night Shelter", "Winter Shelter Program", "Family Emergency Shelter"),
        {"es": "Albergue de emergencia", "zh": "緊急庇護所", "vi": "Nơi tạm trú khẩn cấp"},
        ("Overnight beds, hot dinner and breakfast, showers and lockers for adults experiencing "
         "homelessness in {city}.",
         "Emergency shelter with case management: guests work with staff on a housing plan "
         "from the first night."),
        ("Line up at intake from 6:30 pm; beds are assigned first come, first served. Call "
         "ahead to check how many beds are free.",),
        audience=("adult", "family", "women"), schedules=("overnight",), capacity="bed",
        preferences=("faith_based", "lgbtq_affirming")),
    Category(
        "rental_assistance", ("shelter", "community", "legal"), ("103-03", "101-02-03"),
        ("Emergency Rental Assistance", "Homelessness Prevention Fund", "Move-In Deposit Help"),
        {"es": "Ayuda con el alquiler", "zh": "租金援助", "vi": "Hỗ trợ tiền thuê nhà"},
        ("One-time help with back rent or a security deposit for tenants in {city} at risk of "
         "losing their home, paid directly to the landlord.",
         "Short-term rental subsidies and housing counseling to keep families housed after a "
         "job loss, illness or emergency."),
        ("Apply by phone or in person with your lease, a notice from your landlord if you have "
         "one, and proof of income for the last 30 days.",),
        wait=True, documents=("Current lease or rental agreement", "Proof of income")),
    Category(
        "utility_assistance", ("community", "faith"), ("101-02-06", "103-03-02"),
        ("Utility Bill Assistance", "Energy Assistance Program (LIHEAP)"),
        {"es": "Ayuda para pagar servicios públicos", "vi": "Hỗ trợ tiền điện nước"},
        ("Help paying overdue gas, electric and water bills to prevent a shut-off, for "
         "households in {city} with low incomes.",),
        ("Bring your most recent utility bill and proof of household income.",),
        wait=True, documents=("Most recent utility bill", "Proof of income")),
    Category(
        "eviction_legal_aid", ("legal",), ("111-01", "111-04", "103-04"),
        ("Eviction Defense Clinic", "Tenant Rights Legal Help", "Housing Court Representation"),
        {"es": "Defensa contra desalojos", "zh": "租客法律援助",
         "vi": "Trợ giúp pháp lý cho người thuê nhà"},
        ("Free legal advice and representation for tenants in {city} facing eviction, "
         "habitability problems or illegal rent increases.",
         "Attorneys review your eviction papers, explain deadlines and can represent you in "
         "housing court."),
        ("Call as soon as you receive court papers: there are short deadlines to respond. "
         "Bring every notice you received.",),
        audience=("adult",), wait=True, documents=("Any eviction notice or court papers",)),
    Category(
        "immigration_legal", ("legal", "community", "faith"), ("111-01-02", "109-05-01"),
        ("Immigration Legal Services", "Citizenship Application Workshops"),
        {"es": "Servicios legales de inmigración", "zh": "移民法律服務", "vi": "Dịch vụ pháp lý di trú"},
        ("Confidential consultations with accredited representatives on DACA, naturalization, "
         "family petitions and protection from removal.",),
        ("Call for a consultation appointment; walk-in citizenship workshops are held monthly.",),
        audience=("adult",), cost="low", wait=True),
    Category(
        "transportation_vouchers", ("health", "shelter", "community"), ("105-01-01", "105-02-01"),
        ("Transit Pass Program", "Rides to Medical Appointments", "Bus Voucher Program"),
        {"es": "Pases de transporte", "vi": "Vé xe buýt miễn phí"},
        ("Free bus passes and ride vouchers so residents of {city} can reach medical "
         "appointments, job interviews and court dates.",),
        ("Ask your case manager or call at least two days before your appointment.",)),
    Category(
        "clothing", ("faith", "shelter", "food_bank"), ("104-02", "104-02-03"),
        ("Clothing Closet", "Work Clothes Boutique"),
        {"es": "Ropero comunitario", "vi": "Tủ quần áo miễn phí"},
        ("Clean, seasonal clothing, shoes and coats at no cost, plus interview outfits for "
         "job seekers.",),
        ("Walk in during open hours; up to two visits a month.",),
        audience=("all",), schedules=("weekend", "weekday", "split")),
    Category(
        "benefits_enrollment", ("community", "food_bank", "legal", "health"),
        ("107-03", "107-03-02", "108-05-01"),
        ("Benefits Enrollment Help", "CalFresh and Medicaid Application Assistance",
         "SNAP Outreach"),
        {"es": "Ayuda para solicitar beneficios", "zh": "福利申請協助", "vi": "Hỗ trợ đăng ký phúc lợi"},
        ("One-on-one help applying for SNAP food benefits, Medicaid, WIC and utility "
         "discounts, with follow-up until a decision arrives.",),
        ("Call or walk in; bring identification and recent pay stubs if you have them.",),
        schedules=("weekday", "split", "extended"),
        documents=("Photo identification", "Recent pay stubs")),
)
