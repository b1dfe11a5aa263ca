"""Care services: health, counseling, recovery, hotlines, youth, education and work."""
from .catalog import Category

CLINICAL_PREFERENCES = ("lgbtq_affirming", "culturally_specific", "telehealth")

CARE = (
    Category(
        "counseling", ("family", "health", "recovery"), ("106-06-07-01", "108-07-01"),
        ("Individual and Family Counseling", "Outpatient Mental Health Therapy",
         "Trauma-Informed Counseling"),
        {"es": "Consejería individual y familiar", "zh": "心理諮詢", "vi": "Tư vấn tâm lý"},
        ("Licensed therapists offer short-term counseling for depression, anxiety, grief and "
         "family stress to residents of {city}.",
         "Evidence-based therapy (CBT, EMDR) for adults and teens, in person or by video."),
        ("Call intake for a 20-minute screening; you will be offered the first open "
         "appointment.",),
        audience=("all", "adult", "youth"), cost="clinical", medical=True,
        capacity="appointment", wait=True, preferences=CLINICAL_PREFERENCES + ("faith_based",)),
    Category(
        "telehealth_counseling", ("family", "health", "recovery"), ("106-06-07-01", "108-07-10"),
        ("Telehealth Counseling", "Online Therapy for Adults"),
        {"es": "Consejería por video", "zh": "線上心理諮詢", "vi": "Tư vấn trực tuyến"},
        ("Secure video sessions with a licensed counselor from home, on a phone or computer.",),
        ("Book online or by phone; we send a private link before each session.",),
        audience=("adult", "youth"), delivery="virtual", schedules=("weekday", "extended"),
        cost="clinical", medical=True, capacity="appointment", wait=True,
        preferences=("telehealth", "lgbtq_affirming")),
    Category(
        "peer_support", ("recovery", "family", "faith", "community"), ("108-07-07", "108-07-09"),
        ("Peer Support Group", "Grief Support Circle", "Family Peer Support Group"),
        {"es": "Grupo de apoyo entre pares", "zh": "互助小組", "vi": "Nhóm hỗ trợ đồng đẳng"},
        ("Weekly drop-in groups led by people with lived experience of mental illness, "
         "addiction or loss, in a welcoming setting.",),
        ("No referral needed: just come to a meeting.",),
        schedules=("evening", "weekend"), preferences=("peer_led", "lgbtq_affirming",
                                                       "faith_based")),
    Category(
        "substance_use", ("recovery", "health"), ("106-01-04", "106-01"),
        ("Outpatient Substance Use Treatment", "Medication-Assisted Treatment",
         "Intensive Outpatient Program"),
        {"es": "Tratamiento para el uso de sustancias", "vi": "Điều trị nghiện"},
        ("Outpatient treatment for alcohol and drug use, including medication for opioid use "
         "disorder, counseling and relapse prevention.",),
        ("Walk in for an assessment weekday mornings or call to schedule.",),
        audience=("adult",), cost="clinical", medical=True, capacity="appointment", wait=True,
        preferences=("peer_led", "lgbtq_affirming", "culturally_specific")),
    Category(
        "crisis_line", ("recovery", "family", "health"), ("101-07", "108-07-02"),
        ("24-Hour Crisis Line", "Mental Health Crisis Hotline"),
        {"es": "Línea de crisis 24 horas", "zh": "24小時危機熱線", "vi": "Đường dây khủng hoảng 24 giờ"},
        ("Trained counselors answer day and night for anyone in emotional distress or "
         "thinking about suicide, and can send a mobile crisis team.",),
        ("Call any time; no appointment or insurance needed.",),
        audience=("all",), delivery="phone", schedules=("always",)),
    Category(
        "dv_hotline", ("family", "legal", "shelter"), ("101-06-01", "108-07-02"),
        ("Domestic Violence Hotline", "Confidential Abuse Support Line"),
        {"es": "Línea de ayuda contra la violencia doméstica",
         "vi": "Đường dây nóng bạo lực gia đình"},
        ("Confidential support, safety planning and shelter referrals for survivors of "
         "domestic violence, 24 hours a day.",),
        ("Call any time. You do not need to give your name.",),
        audience=("all", "women"), delivery="phone", schedules=("always",),
        preferences=("lgbtq_affirming", "culturally_specific")),
    Category(
        "medical_clinic", ("health",), ("106-06-09", "106-05-03"),
        ("Primary Care Clinic", "Walk-In Medical Clinic", "Community Health Clinic"),
        {"es": "Clínica de atención primaria", "zh": "基本醫療診所", "vi": "Phòng khám đa khoa"},
        ("Checkups, chronic disease care, vaccinations and prescriptions for patients in {city} "
         "with or without insurance.",),
        ("Call for an appointment; same-day visits are held each morning.",),
        audience=("all",), cost="clinical", medical=True, capacity="appointment", wait=True,
        preferences=("culturally_specific", "lgbtq_affirming"),
        documents=("Photo identification", "Insurance card if you have one")),
    Category(
        "dental", ("health",), ("106-02",),
        ("Community Dental Clinic", "Children's Dental Program"),
        {"es": "Clínica dental comunitaria", "zh": "社區牙科診所", "vi": "Phòng khám nha khoa"},
        ("Cleanings, fillings, extractions and emergency dental care on a sliding scale.",),
        ("Call for an appointment; dental emergencies are seen the same day when possible.",),
        audience=("all", "youth"), cost="clinical", medical=True, capacity="appointment",
        wait=True),
    Category(
        "youth_mentoring", ("family", "community", "faith"), ("108-07-05", "108-03-02"),
        ("Youth Mentoring Program", "After-School Program", "Teen Leadership Academy"),
        {"es": "Programa de mentores para jóvenes", "zh": "青少年輔導計劃",
         "vi": "Chương trình cố vấn thanh thiếu niên"},
        ("Caring adult mentors, homework help and leadership activities for young people in "
         "{city}.",),
        ("Parents or youth can sign up by phone or at the front desk.",),
        audience=("youth",), schedules=("afternoon", "weekday"), capacity="seat"),
    Category(
        "childcare", ("family", "community"), ("108-03-03", "108-03-03-04"),
        ("Child Care Subsidy Program", "Early Learning Center"),
        {"es": "Ayuda con el cuidado infantil", "vi": "Hỗ trợ giữ trẻ"},
        ("Licensed child care and help paying for it for working parents with low incomes.",),
        ("Apply with proof of work or school schedule and income.",),
        audience=("family",), cost="low", capacity="seat", wait=True),
    Category(
        "job_training", ("community", "shelter", "faith"), ("110-03", "109-06-05", "110-01"),
        ("Job Training and Placement", "Resume and Interview Workshop", "Career Pathways"),
        {"es": "Capacitación laboral", "zh": "職業培訓", "vi": "Đào tạo nghề"},
        ("Hands-on job training, resume help and employer introductions for job seekers in "
         "{city}.",),
        ("Attend an orientation session; no appointment needed.",),
        audience=("adult",), schedules=("weekday", "evening", "split"), capacity="seat"),
    Category(
        "esl", ("community", "faith"), ("109-03-03", "109-05-03"),
        ("English as a Second Language Classes", "Conversation English for Adults"),
        {"es": "Clases de inglés", "zh": "英語班", "vi": "Lớp học tiếng Anh"},
        ("Free English classes from beginner to advanced, with childcare during evening "
         "sessions.",),
        ("Come to a placement session at the start of each month.",),
        audience=("adult",), schedules=("evening", "weekend"), cost="low", capacity="seat",
        preferences=("culturally_specific", "faith_based")),
)
