from celery import shared_task

from lti import grades


@shared_task(name="lti.tasks.pass_back_grades", ignore_result=True)
def pass_back_grades(user_id: int) -> int:
    return grades.pass_back(user_id)
